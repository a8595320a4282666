import Table from 'cli-table3';
import type { BaselineComparison } from '../stats/index.ts';
import { comparisonCells, comparisonHeadings } from './format-comparison.ts';
import { terminalSafe } from './terminal-safe.ts';

/**
 * Each (target, prompt) against the baseline, for the terminal: the difference in pass rate on
 * the same cases with its 95% interval and the exact McNemar p, how many cases only one of the
 * two passed (the only ones that carry evidence), and the latency and cost ratios.
 */
export function renderComparisonTable(comparisons: readonly BaselineComparison[]): string {
  const [first] = comparisons;
  if (!first) return '';
  const showPrompt = comparisons.some((comparison) => comparison.prompt !== 'default' || comparison.baselinePrompt !== 'default');
  const baseline = label(showPrompt ? `${first.baselineTarget} (${first.baselinePrompt})` : first.baselineTarget);
  const table = new Table({
    head: ['vs baseline', ...comparisonHeadings],
    colAligns: ['left', ...comparisonHeadings.map(() => 'right' as const)],
    style: { head: [], border: [] },
  });
  for (const comparison of comparisons) {
    table.push([label(showPrompt ? `${comparison.target} (${comparison.prompt})` : comparison.target), ...comparisonCells(comparison)]);
  }
  return `Against the baseline ${baseline}, on the cases both answered and had scored (an interval that spans 0 shows no difference):\n${table.toString()}`;
}

/** Labels are the user's text: one line, inert, so the table's widths hold. */
const label = (text: string) => terminalSafe(text, { oneLine: true });
