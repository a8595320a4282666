import type { Assertion, Case } from './case.ts';

/**
 * Every scorer a case runs: its own (a multi-call case's final output) and each step's or turn's.
 * Whatever asks "does some scorer of this dataset need X" (a judge, a budget) must ask it of all.
 */
export function everyAssertion(testCase: Pick<Case, 'assert' | 'calls'>): Assertion[] {
  return [...testCase.assert, ...(testCase.calls?.steps.flatMap((step) => step.assert) ?? [])];
}
