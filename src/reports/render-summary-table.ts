import Table from 'cli-table3';
import type { TargetSummary } from '../stats/index.ts';
import { formatFixed, formatMilliseconds, formatPassRate, formatPercent } from './format-figures.ts';
import { formatUsd } from './format-usd.ts';
import { terminalSafe } from './terminal-safe.ts';

export type SummaryTableOptions = {
  /** Targets answered by the simulator, marked so nobody mistakes them for real measurements. */
  simulatedTargets?: string[];
};

type TableColumn = { heading: string; cell(summary: TargetSummary): string };

const milliseconds = (value: number | undefined) => formatMilliseconds(value);

const figureColumns: TableColumn[] = [
  // "12 of 40" when a stop left slots unsent: the figures are over fewer requests than planned.
  { heading: 'requests', cell: (summary) => (summary.notSent > 0 ? `${summary.requests} of ${summary.requests + summary.notSent}` : String(summary.requests)) },
  { heading: 'success %', cell: (summary) => (summary.requests === 0 ? 'no data' : formatPercent(summary.successRate)) },
  { heading: 'first-try %', cell: (summary) => formatPercent(summary.firstAttemptSuccessRate) },
  // One column for the three, so the table fits a terminal of ordinary width.
  {
    heading: 'TTFT ms p50/p90/p99',
    cell: (summary) => (summary.ttftP50Ms === undefined ? '' : [summary.ttftP50Ms, summary.ttftP90Ms, summary.ttftP99Ms].map(milliseconds).join(' / ')),
  },
  { heading: 'e2e p50 ms', cell: (summary) => milliseconds(summary.e2eP50Ms) },
  { heading: 'tok/s p50', cell: (summary) => formatFixed(summary.outputTpsP50, 1) },
  { heading: 'cost $', cell: (summary) => formatUsd(summary.costUsdTotal) },
  { heading: '$/1k req', cell: (summary) => formatUsd(summary.costPer1kRequestsUsd) },
  { heading: 'score', cell: (summary) => formatFixed(summary.scoreMean, 3) },
  // With the Wilson 95% interval: 11 of 13 and 12 of 13 are not a real difference, and the table says so.
  { heading: 'pass % [95% CI]', cell: formatPassRate },
];

/**
 * The summaries as a plain table for the terminal (no colours: the CLI decides). An unknown
 * figure is an empty cell. The prompt column appears only when the run compared prompts.
 */
export function renderSummaryTable(summaries: readonly TargetSummary[], options: SummaryTableOptions = {}): string {
  const simulated = new Set(options.simulatedTargets ?? []);
  const showPrompt = summaries.some((summary) => summary.prompt !== 'default');
  const labelColumns: TableColumn[] = [
    { heading: 'target', cell: (summary) => label(simulated.has(summary.target) ? `${summary.target} (simulated)` : summary.target) },
    ...(showPrompt ? [{ heading: 'prompt', cell: (summary: TargetSummary) => label(summary.prompt) }] : []),
  ];
  const columns = [...labelColumns, ...figureColumns];
  const table = new Table({
    head: columns.map((column) => column.heading),
    colAligns: columns.map((column) => (labelColumns.includes(column) ? 'left' : 'right')),
    style: { head: [], border: [] },
  });
  for (const summary of summaries) table.push(columns.map((column) => column.cell(summary)));
  return table.toString();
}

/** A label is the user's text: one line, inert, so the table's widths hold and nothing acts on the terminal. */
const label = (text: string) => terminalSafe(text, { oneLine: true });
