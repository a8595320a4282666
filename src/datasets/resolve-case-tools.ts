import type { CaseInput, DatasetDefaults } from '../config/dataset-schema.ts';
import type { Case, CaseTool } from './case.ts';
import type { DatasetProblem } from './source-record.ts';

/** Why a tool choice cannot be sent with these tools, or undefined; providers refuse either at request time. */
export function toolChoiceProblem(tools: readonly CaseTool[] | undefined, toolChoice: Case['toolChoice']): string | undefined {
  if (toolChoice === undefined) return undefined;
  if (tools === undefined) return 'needs "tools" (in the case or in defaults)';
  if (typeof toolChoice === 'object' && !tools.some((tool) => tool.name === toolChoice.toolName)) {
    return `names tool "${toolChoice.toolName}", which is not among the tools (known: ${tools.map((tool) => tool.name).join(', ')})`;
  }
  return undefined;
}

/**
 * A case's tools and tool choice: its own, else the dataset's. A case's `tools` replace the
 * defaults' list rather than adding to it, so a case can also offer fewer tools.
 */
export function resolveCaseTools(
  input: CaseInput,
  defaults: DatasetDefaults,
  lineOf: (path: PropertyKey[]) => number,
): { tools: Pick<Case, 'tools' | 'toolChoice'>; problems: DatasetProblem[] } {
  const tools = input.tools ?? defaults.tools;
  const toolChoice = input.tool_choice ?? defaults.tool_choice;
  const problems: DatasetProblem[] = [];
  // Defaults alone were checked once with the defaults; checking them again per case would repeat the problem.
  if (input.tools !== undefined || input.tool_choice !== undefined) {
    const problem = toolChoiceProblem(tools, toolChoice);
    if (problem !== undefined) {
      const own = input.tool_choice !== undefined;
      problems.push({ line: lineOf([own ? 'tool_choice' : 'tools']), field: own ? 'tool_choice' : 'tool_choice (from defaults)', message: problem });
    }
  }
  return {
    tools: {
      ...(tools !== undefined && { tools: tools.map(({ name, description, parameters }) => ({ name, ...(description !== undefined && { description }), parameters })) }),
      ...(toolChoice !== undefined && { toolChoice }),
    },
    problems,
  };
}
