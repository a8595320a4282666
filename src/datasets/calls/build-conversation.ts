import type { ModelMessage } from 'ai';
import type { CaseInput } from '../../config/dataset-schema.ts';
import type { CaseStep } from '../case.ts';
import { toolChoiceProblem } from '../resolve-case-tools.ts';
import type { BuiltCalls, CallsContext } from './build-calls.ts';
import { callAssertions, caseSystem, caseTools, toModelMessage } from './call-parts.ts';

/**
 * A live conversation: the fixed history (`messages`), then one call per scripted user turn,
 * `turn-1`, `turn-2`, …, each after the one before. The case's system prompt and tools (else the
 * dataset's) go with every turn.
 */
export function buildConversation(input: CaseInput, context: CallsContext): BuiltCalls {
  const { lineOf, render, defaults } = context;
  const history: ModelMessage[] = (input.messages ?? []).map((message, index) =>
    toModelMessage({ ...message, content: render(message.content, ['messages', index, 'content'], `messages[${index}].content`) }),
  );
  const hasSystemMessage = input.messages?.some((message) => message.role === 'system') ?? false;
  if (input.system !== undefined && hasSystemMessage) {
    context.problems.push({ line: lineOf(['system']), field: 'system', message: 'give "system" or a system message in "messages", not both' });
  }
  const system = hasSystemMessage && input.system === undefined ? undefined : caseSystem(input, context);
  const tools = caseTools(input.tools ?? defaults.tools);
  const toolChoice = input.tool_choice ?? defaults.tool_choice;
  if (input.tools !== undefined || input.tool_choice !== undefined) {
    const problem = toolChoiceProblem(tools, toolChoice);
    if (problem !== undefined) context.problems.push({ line: lineOf([input.tool_choice !== undefined ? 'tool_choice' : 'tools']), field: 'tool_choice', message: problem });
  }
  const steps: CaseStep[] = (input.turns ?? []).map((turn, index) => ({
    name: `turn-${index + 1}`,
    line: lineOf(['turns', index]),
    messages: [{ role: 'user', content: render(turn.user, ['turns', index, 'user'], `turns[${index}].user`) }],
    ...(system !== undefined && { system }),
    after: index === 0 ? [] : [`turn-${index}`],
    ...(turn.expected !== undefined && { expected: turn.expected }),
    assert: callAssertions(turn.assert, turn.expected, undefined),
    ...(tools !== undefined && { tools }),
    ...(toolChoice !== undefined && { toolChoice }),
  }));
  return {
    calls: { kind: 'conversation', steps, output: steps.at(-1)?.name ?? 'turn-1' },
    messages: [...history, ...(steps[0]?.messages ?? [])],
    ...(system !== undefined && { system }),
    ...(tools !== undefined && { tools }),
    ...(toolChoice !== undefined && { toolChoice }),
  };
}
