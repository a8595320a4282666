import Table from 'cli-table3';
import type { PairComparison } from '../stats/case-comparison.ts';
import { comparisonCells, comparisonHeadings } from './format-comparison.ts';
import { terminalSafe } from './terminal-safe.ts';

/**
 * Each (target, prompt) against its base, for the terminal: the change in pass rate on the same
 * cases with its interval and p-value (which agree: the interval excludes 0 exactly when p < α),
 * the verdict, how many cases flipped each way, and the latency and cost ratios. `heading` says
 * what the base is.
 */
export function renderComparisonTable(comparisons: readonly PairComparison[], heading?: string): string {
  const [first] = comparisons;
  if (!first) return '';
  const showPrompt = comparisons.some((comparison) => comparison.prompt !== 'default' || comparison.basePrompt !== 'default');
  const table = new Table({
    head: ['target', ...comparisonHeadings],
    colAligns: ['left', ...comparisonHeadings.map(() => 'right' as const)],
    style: { head: [], border: [] },
  });
  for (const comparison of comparisons) {
    table.push([label(showPrompt ? `${comparison.target} (${comparison.prompt})` : comparison.target), ...comparisonCells(comparison)]);
  }
  const base = label(showPrompt ? `${first.baseTarget} (${first.basePrompt})` : first.baseTarget);
  return `${heading ?? `Against the baseline ${base}, case by case (unanswered requests count as failures)`}:\n${table.toString()}`;
}

/** Labels are the user's text: one line, inert, so the table's widths hold. */
const label = (text: string) => terminalSafe(text, { oneLine: true });
