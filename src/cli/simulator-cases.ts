import type { Case } from '../datasets/index.ts';
import { lastUserText } from '../datasets/index.ts';
import type { MockCase } from '../mock/index.ts';

/**
 * What the simulator needs of a dataset's cases to answer as a model would: each case's id and
 * expected answer, found by the text of its last user message (the `oracle` policy and answer
 * books matched by case id look cases up this way).
 */
export function simulatorCases(cases: readonly Case[]): MockCase[] {
  return cases.map((testCase) => ({
    id: testCase.id,
    prompt: lastUserText(testCase.messages),
    ...(testCase.expected !== undefined ? { expected: testCase.expected } : {}),
  }));
}
