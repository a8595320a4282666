import type { GateResult } from '../stats/gates/index.ts';
import type { RunComparison } from '../stats/run-comparison.ts';

/**
 * comparison.json: the comparison as data, for a program (a dashboard, a bot). Every figure with
 * its interval, p-values and verdicts, the flipped cases, the gates; each case's raw outcome is
 * left out (it is in the runs' results.jsonl). Unknown figures are absent, never 0.
 */
export function comparisonJson(comparison: RunComparison, gates: readonly GateResult[]): string {
  const comparisons = comparison.comparisons.map(({ pairs: _pairs, ...row }) => row);
  return `${JSON.stringify({ version: 1, ...comparison, comparisons, gates }, null, 2)}\n`;
}
