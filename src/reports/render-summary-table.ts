import type { TargetSummary } from '../stats/index.ts';
import { shortenMiddle, wrapToWidth } from './display-width.ts';
import { fitColumns, type FittedColumn } from './fit-columns.ts';
import { formatFixed, formatMilliseconds, formatPassRate, formatPercent, formatPercentile, formatRate, formatSuccessRate } from './format-figures.ts';
import { formatUsd } from './format-usd.ts';
import { formatErrorCounts } from './render-failures.ts';
import { terminalSafe } from './terminal-safe.ts';

export type SummaryTableOptions = {
  /** Targets answered by the simulator, marked so nobody mistakes them for real measurements. */
  simulatedTargets?: string[];
  /** The widest line, in terminal columns: 100 unless said (the CLI gives the terminal's width, at most 100). */
  width?: number;
  /** Every figure, with its interval, however wide the table gets (`--wide`). */
  wide?: boolean;
  /**
   * The run drove open-loop arrivals (--rate, --sweep rate=…): TTFT from the scheduled time is
   * then shown beside TTFT from the send. A closed-loop run's records count from the moment a
   * request got its place, which is the send give or take a tick: a column of the same figures.
   */
  openLoop?: boolean;
};

/** A figure column: its heading (two lines where that keeps the column narrow), its cell, and how it is kept when room is short. */
type SummaryColumn = { heading: string; cell(summary: TargetSummary): string; essential?: boolean; always?: boolean; rank?: number; align?: 'left' };

/** The width when the caller gives none: a terminal of ordinary width. */
export const defaultTableWidth = 100;
/** A prompt's label in the table is cut to this many columns (in its middle); the notes under it name it whole. */
const promptWidth = 24;
/** The longest label in a note under the table, unless --wide. */
const noteLabelWidth = 48;
/** Flaky cases named under the table per (target, prompt); report.html lists them all. */
const shownFlakyCases = 10;

const milliseconds = (value: number) => formatMilliseconds(value);
const tokensPerSecond = (value: number) => formatFixed(value, 1);
const wholeTokensPerSecond = (value: number) => formatFixed(value, value < 10 ? 1 : 0);

// "12 of 40" when a stop left slots unsent: the figures are over fewer requests than planned.
const requests = (summary: TargetSummary) => (summary.notSent > 0 ? `${summary.requests} of ${summary.requests + summary.notSent}` : String(summary.requests));

/**
 * The figures that decide between targets, in a table that fits: quality with its interval (over
 * 13 cases, 11 and 12 passed are not a real difference, and the interval says so), whether the
 * target answered, how fast and at what cost. Ranked for a narrow terminal: pass rate, success,
 * TTFT, e2e, cost and (with repeats) pass@k shorten the labels to stay; requests and tok/s stay
 * only where there is room to spare. Latency medians without their intervals, which --wide shows.
 */
const compactColumns: SummaryColumn[] = [
  { heading: 'requests', cell: requests, rank: 7 },
  { heading: 'success\n%', cell: (summary) => (summary.requests === 0 ? 'no data' : formatPercent(summary.successRate)), essential: true, rank: 2 },
  { heading: 'TTFT p50\nms', cell: ({ percentiles }) => formatPercentile(percentiles.ttftP50Ms, milliseconds), essential: true, rank: 3 },
  { heading: 'e2e p50\nms', cell: ({ percentiles }) => formatPercentile(percentiles.e2eP50Ms, milliseconds), essential: true, rank: 4 },
  { heading: 'tok/s\np50', cell: ({ percentiles }) => formatPercentile(percentiles.outputTpsP50, tokensPerSecond), rank: 8 },
  { heading: '$/1k req', cell: (summary) => formatUsd(summary.costPer1kRequestsUsd), essential: true, rank: 5 },
  { heading: 'pass %\n[95% CI]', cell: formatPassRate, essential: true, always: true, rank: 1 },
];

/** Every figure the terminal shows, each percentile with its interval: `--wide`. */
const wideColumns: SummaryColumn[] = [
  { heading: 'requests', cell: requests },
  { heading: 'success % [CI]', cell: formatSuccessRate },
  { heading: 'first-try %', cell: (summary) => formatPercent(summary.firstAttemptSuccessRate) },
  { heading: 'errors', cell: (summary) => formatErrorCounts(summary.errorCounts) },
  // One column for the three: the median with its interval, p90 and p99 as figures or the n they need.
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
  { heading: 'pass % [95% CI]', cell: formatPassRate },
];

/**
 * Open loop and --slo: TTFT counted from the scheduled time (what a user behind the load feels)
 * right after TTFT from the send (only when the caller says the run was open loop), and goodput,
 * shown only when some target has them. Goodput
 * ranks next to the pass rate (with --slo it is what the run was asked), the scheduled TTFT next
 * to success, before TTFT from the send.
 */
function loadColumns(summaries: readonly TargetSummary[], wide: boolean, openLoop: boolean): { latency: SummaryColumn[]; goodput: SummaryColumn[] } {
  const scheduled = openLoop && summaries.some((summary) => summary.percentiles.ttftFromScheduledP50Ms !== undefined);
  const slo = summaries.some((summary) => summary.slo !== undefined);
  const latency: SummaryColumn[] = !scheduled
    ? []
    : wide
      ? [
          { heading: 'sent/s', cell: (summary) => formatFixed(summary.achievedRps, 1) },
          {
            heading: 'TTFT from sched ms p50 [CI] / p99',
            cell: ({ percentiles }) =>
              percentiles.ttftFromScheduledP50Ms === undefined
                ? ''
                : `${formatPercentile(percentiles.ttftFromScheduledP50Ms, milliseconds, { interval: milliseconds })} / ${formatPercentile(percentiles.ttftFromScheduledP99Ms, milliseconds)}`,
          },
        ]
      : [{ heading: 'TTFT p50\nsched ms', cell: ({ percentiles }) => formatPercentile(percentiles.ttftFromScheduledP50Ms, milliseconds), essential: true, rank: 2.5 }];
  const goodput: SummaryColumn[] = !slo
    ? []
    : wide
      ? [
          { heading: 'goodput % [95% CI]', cell: (summary) => formatRate(summary.goodput, summary.goodputCiLow, summary.goodputCiHigh) },
          { heading: 'goodput/s', cell: (summary) => formatFixed(summary.goodputRps, 1) },
        ]
      : [{ heading: 'goodput\n%', cell: (summary) => formatPercent(summary.goodput), essential: true, rank: 1.5 }];
  return { latency, goodput };
}

/** The columns in their order: the load ones after TTFT p50 and after the pass rate. */
function figureColumns(summaries: readonly TargetSummary[], wide: boolean, openLoop: boolean): SummaryColumn[] {
  const base = wide ? wideColumns : compactColumns;
  const load = loadColumns(summaries, wide, openLoop);
  const afterTtft = base.findIndex((column) => column.heading.startsWith('TTFT')) + 1;
  return [...base.slice(0, afterTtft), ...load.latency, ...base.slice(afterTtft), ...load.goodput];
}

/** pass@k and pass^k, shown only when some target had repeats. */
function repeatColumn(summaries: readonly TargetSummary[], wide: boolean): SummaryColumn[] {
  const ks = new Set(summaries.filter((summary) => summary.repeats > 1).map((summary) => summary.repeats));
  if (ks.size === 0) return [];
  const k = ks.size === 1 ? String([...ks][0]) : 'k';
  return [{
    heading: wide ? `pass@${k} / ^${k} %` : `pass@${k} /\n^${k} %`,
    cell: (summary) => (summary.passAtK === undefined ? '' : `${formatPercent(summary.passAtK)} / ${formatPercent(summary.passAllK)}`),
    // With repeats, what the repeats showed comes right after the pass rate, cost and speed.
    essential: true,
    rank: 6,
  }];
}

/**
 * The summaries as a plain table for the terminal (no colours: the CLI decides), at most
 * `options.width` columns wide unless `wide`: the figures that fit, by rank, and labels shortened
 * in the middle; a line under the table names the figures left out. An unknown figure is an empty
 * cell; a percentile the sample cannot bound shows the n it needs (`n<368`). The prompt column
 * appears only when the run compared prompts, pass@k only with repeats. Under the table: the pass
 * rate over answered requests only, for targets with unanswered ones, and the flaky cases.
 */
export function renderSummaryTable(summaries: readonly TargetSummary[], options: SummaryTableOptions = {}): string {
  const width = options.wide ? Infinity : (options.width ?? defaultTableWidth);
  const simulated = new Set(options.simulatedTargets ?? []);
  const showPrompt = summaries.some((summary) => summary.prompt !== 'default');
  const suffixOf = (summary: TargetSummary) => (simulated.has(summary.target) ? ' (simulated)' : '');
  const nameOf = (summary: TargetSummary) => `${summary.target}${suffixOf(summary)}`;
  const promptColumn: SummaryColumn[] = showPrompt
    ? [{ heading: 'prompt', cell: (summary) => (options.wide ? label(summary.prompt) : shortenMiddle(label(summary.prompt), promptWidth)), essential: true, rank: 0, align: 'left' }]
    : [];
  const columns: FittedColumn[] = [...promptColumn, ...figureColumns(summaries, options.wide ?? false, options.openLoop ?? false), ...repeatColumn(summaries, options.wide ?? false)].map((column) => ({
    heading: column.heading,
    cells: summaries.map((summary) => column.cell(summary)),
    ...(column.essential ? { essential: true } : {}),
    ...(column.always ? { always: true } : {}),
    ...(column.rank !== undefined ? { rank: column.rank } : {}),
    ...(column.align ? { align: column.align } : {}),
  }));
  const table = fitColumns({ heading: 'target', labels: summaries.map((summary) => label(summary.target)), suffixes: summaries.map(suffixOf) }, columns, width);
  // A label in a note is shortened too (unless --wide), so a 300-character one does not fill the screen.
  const noteName = (summary: TargetSummary) => {
    const name = label(showPrompt ? `${nameOf(summary)} (${summary.prompt})` : nameOf(summary));
    return options.wide ? name : shortenMiddle(name, noteLabelWidth);
  };
  const notes: string[] = [];
  if (table.hidden.length > 0) notes.push(`Not shown at this width: ${table.hidden.join(', ')} (--wide shows every figure).`);
  // The sensitivity check, where it can differ: with unanswered requests, pass % counts them as failed.
  const answered = summaries.filter((summary) => summary.unanswered > 0 && summary.passRateAnswered !== undefined).map((summary) =>
    `${noteName(summary)} ${formatRate(summary.passRateAnswered, summary.passRateAnsweredCiLow, summary.passRateAnsweredCiHigh)}`);
  if (answered.length > 0) notes.push(`pass % counts unanswered requests as failed; over answered requests only: ${answered.join(', ')}`);
  const flaky = summaries.filter((summary) => summary.flakyCases.length > 0).map((summary) => {
    const shown = summary.flakyCases.slice(0, shownFlakyCases).map(label).join(', ');
    const more = summary.flakyCases.length > shownFlakyCases ? `, and ${summary.flakyCases.length - shownFlakyCases} more (report.html lists them)` : '';
    return `  ${noteName(summary)}: ${shown}${more}`;
  });
  if (flaky.length > 0) notes.push('Flaky cases (passed on some repeats, failed or unanswered on others):', ...flaky);
  return [table.text, ...notes.flatMap((note) => wrapToWidth(note, width, { indent: note.startsWith('  ') ? '    ' : '  ' }))].join('\n');
}

/** A label is the user's text: one line, inert, so the table's widths hold and nothing acts on the terminal. */
const label = (text: string) => terminalSafe(text, { oneLine: true });
