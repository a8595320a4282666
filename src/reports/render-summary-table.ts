import Table from 'cli-table3';
import type { TargetSummary } from '../stats/index.ts';
import { formatFixed, formatMilliseconds, formatPassRate, formatPercent, formatPercentile, formatRate, formatSuccessRate } from './format-figures.ts';
import { formatUsd } from './format-usd.ts';
import { terminalSafe } from './terminal-safe.ts';

export type SummaryTableOptions = {
  /** Targets answered by the simulator, marked so nobody mistakes them for real measurements. */
  simulatedTargets?: string[];
};

type TableColumn = { heading: string; cell(summary: TargetSummary): string };

/** Flaky cases named under the table per (target, prompt); report.html lists them all. */
const shownFlakyCases = 10;

const milliseconds = (value: number) => formatMilliseconds(value);
const tokensPerSecond = (value: number) => formatFixed(value, 1);
const wholeTokensPerSecond = (value: number) => formatFixed(value, value < 10 ? 1 : 0);

const figureColumns: TableColumn[] = [
  // "12 of 40" when a stop left slots unsent: the figures are over fewer requests than planned.
  { heading: 'requests', cell: (summary) => (summary.notSent > 0 ? `${summary.requests} of ${summary.requests + summary.notSent}` : String(summary.requests)) },
  { heading: 'success % [CI]', cell: formatSuccessRate },
  { heading: 'first-try %', cell: (summary) => formatPercent(summary.firstAttemptSuccessRate) },
  // One column for the three, so the table fits a terminal of ordinary width; the median with its
  // interval, p90 and p99 as figures or the n they need.
  {
    heading: 'TTFT ms p50 [CI] / p90 / p99',
    cell: ({ percentiles }) =>
      percentiles.ttftP50Ms === undefined
        ? ''
        : [
            formatPercentile(percentiles.ttftP50Ms, milliseconds, { interval: milliseconds }),
            formatPercentile(percentiles.ttftP90Ms, milliseconds),
            formatPercentile(percentiles.ttftP99Ms, milliseconds),
          ].join(' / '),
  },
  { heading: 'e2e p50 ms [CI]', cell: ({ percentiles }) => formatPercentile(percentiles.e2eP50Ms, milliseconds, { interval: milliseconds }) },
  { heading: 'tok/s p50 [CI]', cell: ({ percentiles }) => formatPercentile(percentiles.outputTpsP50, tokensPerSecond, { interval: wholeTokensPerSecond }) },
  { heading: 'cost $', cell: (summary) => formatUsd(summary.costUsdTotal) },
  { heading: '$/1k req', cell: (summary) => formatUsd(summary.costPer1kRequestsUsd) },
  { heading: 'score', cell: (summary) => formatFixed(summary.scoreMean, 3) },
  // With the 95% interval over cases: 11 of 13 and 12 of 13 are not a real difference, and the table says so.
  { heading: 'pass % [95% CI]', cell: formatPassRate },
];

/** pass@k and pass^k, shown only when some target had repeats. */
const repeatColumn = (summaries: readonly TargetSummary[]): TableColumn[] => {
  const ks = new Set(summaries.filter((summary) => summary.repeats > 1).map((summary) => summary.repeats));
  if (ks.size === 0) return [];
  const k = ks.size === 1 ? String([...ks][0]) : 'k';
  return [{
    heading: `pass@${k} / ^${k} %`,
    cell: (summary) => (summary.passAtK === undefined ? '' : `${formatPercent(summary.passAtK)} / ${formatPercent(summary.passAllK)}`),
  }];
};

/**
 * The summaries as a plain table for the terminal (no colours: the CLI decides). An unknown
 * figure is an empty cell; a percentile the sample cannot bound shows the n it needs (`n<368`).
 * The prompt column appears only when the run compared prompts, pass@k only with repeats. Under
 * the table: the pass rate over answered requests only, for targets with unanswered ones, and the
 * flaky cases (passed and failed across repeats).
 */
export function renderSummaryTable(summaries: readonly TargetSummary[], options: SummaryTableOptions = {}): string {
  const simulated = new Set(options.simulatedTargets ?? []);
  const showPrompt = summaries.some((summary) => summary.prompt !== 'default');
  const nameOf = (summary: TargetSummary) => (simulated.has(summary.target) ? `${summary.target} (simulated)` : summary.target);
  const labelColumns: TableColumn[] = [
    { heading: 'target', cell: (summary) => label(nameOf(summary)) },
    ...(showPrompt ? [{ heading: 'prompt', cell: (summary: TargetSummary) => label(summary.prompt) }] : []),
  ];
  const columns = [...labelColumns, ...figureColumns, ...repeatColumn(summaries)];
  const table = new Table({
    head: columns.map((column) => column.heading),
    colAligns: columns.map((column) => (labelColumns.includes(column) ? 'left' : 'right')),
    style: { head: [], border: [] },
  });
  for (const summary of summaries) table.push(columns.map((column) => column.cell(summary)));
  const flaky = summaries.filter((summary) => summary.flakyCases.length > 0).map((summary) => {
    const shown = summary.flakyCases.slice(0, shownFlakyCases).map(label).join(', ');
    const more = summary.flakyCases.length > shownFlakyCases ? `, and ${summary.flakyCases.length - shownFlakyCases} more (report.html lists them)` : '';
    return `  ${label(showPrompt ? `${nameOf(summary)} (${summary.prompt})` : nameOf(summary))}: ${shown}${more}`;
  });
  const flakyNote = flaky.length > 0 ? `\nFlaky cases (passed on some repeats, failed or unanswered on others):\n${flaky.join('\n')}` : '';
  // The sensitivity check, where it can differ: with unanswered requests, pass % counts them as failed.
  const answered = summaries.filter((summary) => summary.unanswered > 0 && summary.passRateAnswered !== undefined).map((summary) =>
    `${label(showPrompt ? `${nameOf(summary)} (${summary.prompt})` : nameOf(summary))} ${formatRate(summary.passRateAnswered, summary.passRateAnsweredCiLow, summary.passRateAnsweredCiHigh)}`);
  const answeredNote = answered.length > 0 ? `\npass % counts unanswered requests as failed; over answered requests only: ${answered.join(', ')}` : '';
  return `${table.toString()}${answeredNote}${flakyNote}`;
}

/** A label is the user's text: one line, inert, so the table's widths hold and nothing acts on the terminal. */
const label = (text: string) => terminalSafe(text, { oneLine: true });
