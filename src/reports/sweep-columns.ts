import { formatFixed, formatMilliseconds, formatRate } from './format-figures.ts';
import type { CellValue } from './csv-cell.ts';
import type { SweepCurve, SweepRow } from './sweep-curve.ts';

/** One column of the curve: its CSV name and value, and how people read it (markdown, terminal, HTML). */
export type SweepColumn = {
  csv: string;
  /** The heading people read; undefined when the column is for files only. */
  heading?: string;
  value(row: SweepRow): CellValue;
  shown?(row: SweepRow): string;
};

const ms = (pick: (row: SweepRow) => number | undefined) => (row: SweepRow) => formatMilliseconds(pick(row));
const pair = (p50: (row: SweepRow) => number | undefined, p99: (row: SweepRow) => number | undefined) => (row: SweepRow) => {
  const [a, b] = [formatMilliseconds(p50(row)), formatMilliseconds(p99(row))];
  return a === '' && b === '' ? '' : `${a || '–'}/${b || '–'}`;
};

/** Every column of sweep.csv, in order; those with a heading are the table people read. */
export const sweepColumns: SweepColumn[] = [
  { csv: 'step', heading: 'Step', value: (row) => row.step },
  { csv: 'rate_asked', heading: 'Rate', value: (row) => row.rate, shown: (row) => formatFixed(row.rate, row.rate !== undefined && row.rate < 10 ? 2 : 1) },
  { csv: 'concurrency', heading: 'Concurrency', value: (row) => row.concurrency },
  { csv: 'target', heading: 'Target', value: (row) => row.target },
  { csv: 'prompt', value: (row) => row.prompt },
  { csv: 'requests', heading: 'Requests', value: (row) => row.requests },
  { csv: 'achieved_rps', heading: 'Req/s', value: (row) => row.achievedRps, shown: (row) => formatFixed(row.achievedRps, 2) },
  { csv: 'ttft_from_scheduled_p50_ms', heading: 'TTFT sched p50/p99', value: (row) => row.ttftFromScheduledP50Ms, shown: pair((row) => row.ttftFromScheduledP50Ms, (row) => row.ttftFromScheduledP99Ms) },
  { csv: 'ttft_from_scheduled_p99_ms', value: (row) => row.ttftFromScheduledP99Ms },
  { csv: 'ttft_p50_ms', heading: 'TTFT send p50/p99', value: (row) => row.ttftP50Ms, shown: pair((row) => row.ttftP50Ms, (row) => row.ttftP99Ms) },
  { csv: 'ttft_p99_ms', value: (row) => row.ttftP99Ms },
  { csv: 'e2e_from_scheduled_p50_ms', value: (row) => row.e2eFromScheduledP50Ms },
  { csv: 'e2e_from_scheduled_p99_ms', value: (row) => row.e2eFromScheduledP99Ms },
  { csv: 'e2e_p50_ms', heading: 'e2e sched p50/p99', value: (row) => row.e2eP50Ms, shown: pair((row) => row.e2eFromScheduledP50Ms ?? row.e2eP50Ms, (row) => row.e2eFromScheduledP99Ms ?? row.e2eP99Ms) },
  { csv: 'e2e_p99_ms', value: (row) => row.e2eP99Ms },
  { csv: 'output_tokens_per_s', heading: 'Out tok/s', value: (row) => row.outputTokensPerSecond, shown: (row) => formatFixed(row.outputTokensPerSecond, 1) },
  { csv: 'goodput', heading: 'Goodput % [CI] (n)', value: (row) => row.goodput, shown: (row) => (row.goodput === undefined ? '' : `${formatRate(row.goodput, row.goodputCiLow, row.goodputCiHigh)} (${row.goodputCases ?? '?'})`) },
  { csv: 'goodput_ci_low', value: (row) => row.goodputCiLow },
  { csv: 'goodput_ci_high', value: (row) => row.goodputCiHigh },
  { csv: 'goodput_cases', value: (row) => row.goodputCases },
  { csv: 'goodput_rps', heading: 'Good req/s', value: (row) => row.goodputRps, shown: (row) => formatFixed(row.goodputRps, 2) },
  { csv: 'errors', heading: 'Errors', value: (row) => row.errors },
  { csv: 'harness_saturated', value: (row) => (row.harnessSaturated === undefined ? undefined : row.harnessSaturated ? 'yes' : 'no') },
  { csv: 'folder', value: (row) => row.folder },
];

/**
 * The columns a person reads for this curve: the rate or the concurrency asked, whichever the
 * steps set; the target only when there are several; goodput only with an SLO; e2e with --wide.
 */
export function shownSweepColumns(curve: SweepCurve, { wide = true }: { wide?: boolean } = {}): SweepColumn[] {
  const targets = new Set(curve.rows.map((row) => `${row.target}\u0000${row.prompt}`));
  const skip = new Set<string>([curve.kind === 'concurrency' ? 'rate_asked' : 'concurrency']);
  if (targets.size <= 1) skip.add('target');
  if (curve.slo === undefined) for (const name of ['goodput', 'goodput_rps']) skip.add(name);
  if (!wide) for (const name of ['e2e_p50_ms', 'requests']) skip.add(name);
  return sweepColumns.filter((column) => column.heading !== undefined && !skip.has(column.csv));
}

/** A cell as a person reads it (before escaping for its format). */
export function shownCell(column: SweepColumn, row: SweepRow): string {
  if (column.shown) return column.shown(row);
  const value = column.value(row);
  return value === undefined ? '' : String(value);
}
