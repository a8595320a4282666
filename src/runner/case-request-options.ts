import { jsonSchema, Output, tool, type ToolSet } from 'ai';
import type { Case } from '../datasets/case.ts';

/**
 * The parts of a streamText call that come from the case itself: tools to call (never executed:
 * the calls are the answer, recorded and scored), the tool choice, and a JSON Schema for
 * structured output.
 */
export function caseRequestOptions(testCase: Case) {
  const tools: ToolSet | undefined = testCase.tools?.length
    ? Object.fromEntries(
        testCase.tools.map((definition) => [
          definition.name,
          tool({
            ...(definition.description !== undefined ? { description: definition.description } : {}),
            inputSchema: jsonSchema(definition.parameters),
          }),
        ]),
      )
    : undefined;
  return {
    ...(tools ? { tools } : {}),
    ...(tools && testCase.toolChoice ? { toolChoice: testCase.toolChoice } : {}),
    ...(testCase.schema ? { output: Output.object({ schema: jsonSchema(testCase.schema) }) } : {}),
  };
}
