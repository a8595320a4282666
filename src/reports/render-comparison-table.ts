import type { PairComparison } from '../stats/case-comparison.ts';
import { shortenMiddle, wrapToWidth } from './display-width.ts';
import { fitColumns, type FittedColumn } from './fit-columns.ts';
import { comparisonCells, comparisonHeadings } from './format-comparison.ts';
import { defaultTableWidth } from './render-summary-table.ts';
import { terminalSafe } from './terminal-safe.ts';

export type ComparisonTableOptions = {
  /** What the base is, said before the table (default: `Against the baseline X, case by case …`). */
  heading?: string;
  /** The widest line, in terminal columns (default 100). */
  width?: number;
  /** Every column, however wide the table gets. */
  wide?: boolean;
};

/**
 * Which columns stay when room is short, by heading: the change in pass rate with its interval
 * and the verdict decide; the cases, the flips and p say how much to trust them (labels are
 * shortened to keep them); the ratios of latency and cost come after.
 */
const ranks: Record<string, { rank: number; essential: boolean; always?: boolean }> = {
  'pass Δ pts [CI]': { rank: 1, essential: true, always: true },
  verdict: { rank: 2, essential: true },
  cases: { rank: 3, essential: true },
  'flips ↓/↑': { rank: 4, essential: true },
  p: { rank: 5, essential: true },
  '$/req': { rank: 6, essential: false },
  'TTFT p50': { rank: 7, essential: false },
  'e2e p50': { rank: 8, essential: false },
};

/**
 * Each (target, prompt) against its base, for the terminal: the change in pass rate on the same
 * cases with its interval and p-value (which agree: the interval excludes 0 exactly when p < α),
 * the verdict, how many cases flipped each way, and the latency and cost ratios; within `width`
 * columns unless `wide` (the columns that fit, by rank, and labels shortened in the middle; a
 * line under the table names the ones left out). The heading says what the base is.
 */
export function renderComparisonTable(comparisons: readonly PairComparison[], options: ComparisonTableOptions = {}): string {
  const { heading, width: given, wide } = options;
  const [first] = comparisons;
  if (!first) return '';
  const width = wide ? Infinity : (given ?? defaultTableWidth);
  const showPrompt = comparisons.some((comparison) => comparison.prompt !== 'default' || comparison.basePrompt !== 'default');
  const rows = comparisons.map(comparisonCells);
  const columns: FittedColumn[] = comparisonHeadings.map((columnHeading, index) => ({
    heading: columnHeading,
    cells: rows.map((row) => row[index]!),
    ...(ranks[columnHeading] ?? { rank: 9, essential: false }),
  }));
  const labels = comparisons.map((comparison) => label(showPrompt ? `${comparison.target} (${comparison.prompt})` : comparison.target));
  const table = fitColumns({ heading: 'target', labels }, columns, width);
  // A label in a line of prose is cut in its middle as in the table (unless --wide): a 300-column one would fill the screen.
  const baseLabel = label(showPrompt ? `${first.baseTarget} (${first.basePrompt})` : first.baseTarget);
  const base = wide ? baseLabel : shortenMiddle(baseLabel, Math.min(headingLabelWidth, Math.max(12, width - 30)));
  const title = `${heading ?? `Against the baseline ${base}, case by case (unanswered requests count as failures)`}:`;
  const hidden = table.hidden.length > 0 ? [`Not shown at this width: ${table.hidden.join(', ')} (--wide shows every column).`] : [];
  return [...wrapToWidth(title, width, { indent: '  ' }), table.text, ...hidden.flatMap((note) => wrapToWidth(note, width, { indent: '  ' }))].join('\n');
}

/** The longest base label in the heading above the table, unless --wide. */
const headingLabelWidth = 64;

/** Labels are the user's text: one line, inert, so the table's widths hold. */
const label = (text: string) => terminalSafe(text, { oneLine: true });
