import Table from 'cli-table3';
import { missingCostReason } from '../stats/choice-option.ts';
import type { PercentileEstimate } from '../stats/percentile-interval.ts';
import type { Choice, FrontierFigure, WeighedOption } from '../stats/make-choice.ts';
import { plainFixed } from './csv-cell.ts';
import { displayWidth, wrapToWidth } from './display-width.ts';
import { formatMilliseconds, formatPercent } from './format-figures.ts';
import { formatUsd } from './format-usd.ts';
import { terminalSafe } from './terminal-safe.ts';

/** The widest line `choose` prints unless told: the table, the notes and the paragraph fit a 100-column terminal. */
const defaultWidth = 100;
/** The label column's content, at most: longer labels wrap inside their cell. */
const labelWidth = 34;
/** Narrower than this, a label column would wrap every label: figures are left out first (by `rank`). */
const labelMinimum = 16;

/** `rank`: which figures stay when the terminal is narrow, the lower first. */
type Column = { heading: string; cell(option: WeighedOption): string; rank: number };

const figureColumns: Column[] = [
  { heading: 'cases', cell: (option) => String(option.cases), rank: 5 },
  // Interval on the second line of every cell, so the table stays narrow.
  {
    heading: 'pass %\n95% CI',
    cell: (option) => (option.passRate === undefined ? '' : `${formatPercent(option.passRate)}${option.passRateInterval ? `\n${whole(option.passRateInterval.low)}–${whole(option.passRateInterval.high)}` : ''}`),
    rank: 1,
  },
  { heading: '$ per 1k\nrequests', cell: (option) => formatUsd(perThousand(option.costPerRequestUsd)), rank: 2 },
  { heading: '$ per 1k\npassed', cell: (option) => formatUsd(perThousand(option.costPerPassedUsd)), rank: 6 },
  { heading: 'TTFT p50\nms, CI', cell: (option) => medianCell(option.ttftP50Ms), rank: 3 },
  { heading: 'e2e p50\nms, CI', cell: (option) => medianCell(option.e2eP50Ms), rank: 4 },
];

/**
 * `choose` for the terminal: every option with its figures (frontier options marked `*`), what
 * was left out of the frontier and why, then the recommendation. Labels and case ids are the
 * user's text, made inert; no line is wider than `width` columns (100 unless told, `Infinity` for
 * every figure and unwrapped text): a terminal too narrow for every figure shows those that fit,
 * by rank, and names the others.
 */
export function renderChoice(choice: Choice, options: { width?: number } = {}): string {
  const width = options.width ?? defaultWidth;
  const showPrompt = choice.options.some((option) => option.prompt !== 'default');
  const label: Column = { heading: 'option\n(* on the frontier)', cell: (option) => labelCell(option, showPrompt), rank: 0 };
  const shown = fittingColumns(figureColumns, choice.options, width);
  const columns: Column[] = [label, ...shown];
  const rows = choice.options.map((option) => columns.map((column) => column.cell(option)));
  const table = new Table({
    head: columns.map((column) => column.heading),
    colAligns: columns.map((_, index) => (index === 0 ? 'left' : 'right')),
    colWidths: columnWidths(columns.map((column) => column.heading), rows, width),
    wordWrap: true,
    wrapOnWordBoundary: false,
    style: { head: [], border: [] },
  });
  table.push(...rows);
  const name = (option: { target: string; prompt: string }) => safe(showPrompt ? `${option.target} with prompt ${option.prompt}` : option.target);
  const notes = [
    '* on the Pareto frontier: no other option is at least as good on pass rate, cost per request, TTFT p50 and e2e p50, and better on one (by point estimate; a figure neither of two options has is left out, and a figure only one has leaves the two undecided).',
    ...choice.options.filter((option) => option.dominatedBy.length > 0).map((option) => `${name(option)} is dominated by ${option.dominatedBy.map(name).join(', ')}.`),
    ...choice.options.filter((option) => !option.onFrontier && option.dominatedBy.length === 0).map((option) => notPlacedText(choice, option, name)),
    ...choice.options.filter((option) => option.missing.length > 0).map((option) => `${name(option)}: ${option.missing.map((figure) => missingText(option, figure)).join('; ')}.`),
    ...(choice.options.some((option) => option.simulated) ? ['Options marked (simulated) were served by the built-in simulator: illustrative figures, not real providers.'] : []),
    ...(choice.incomplete ? ['The run is incomplete: the figures cover the requests it sent.'] : []),
  ];
  const hidden = figureColumns.filter((column) => !shown.includes(column)).map((column) => column.heading.replace('\n', ' '));
  if (hidden.length > 0) notes.push(`Not shown at this width: ${hidden.join(', ')} (--wide shows every figure).`);
  const wrap = (text: string) => wrapToWidth(text, width).join('\n');
  return [table.toString(), ...notes.map(wrap), '', wrap(`Recommendation: ${safe(choice.recommendation.paragraph)}`)].join('\n');
}

/** The figure columns that fit beside a label column of `labelMinimum`, taken by rank up to the first that does not, in their own order. */
function fittingColumns(columns: readonly Column[], options: readonly WeighedOption[], width: number): Column[] {
  const widthOf = (column: Column) => Math.max(...[column.heading, ...options.map((option) => column.cell(option))].map(displayWidth)) + 3;
  const chosen: Column[] = [];
  let used = 1 + labelMinimum + 3;
  for (const column of [...columns].sort((a, b) => a.rank - b.rank)) {
    if (used + widthOf(column) > width) break;
    chosen.push(column);
    used += widthOf(column);
  }
  return columns.filter((column) => chosen.includes(column));
}

/**
 * Each column as wide as its widest line plus padding; the label column takes what is left of the
 * 100 columns (a border per column and one more), up to labelWidth, so long labels wrap instead of
 * pushing the table past the terminal.
 */
function columnWidths(headings: readonly string[], rows: readonly string[][], width: number): number[] {
  // Labels wrap inside their width whatever they hold.
  const widest = (column: number) => Math.max(...[headings[column]!, ...rows.map((row) => row[column]!)].map(displayWidth));
  const figures = headings.slice(1).map((_, index) => widest(index + 1) + 2);
  const left = width - (headings.length + 1) - figures.reduce((sum, figure) => sum + figure, 0);
  const label = Math.min(labelWidth, widest(0)) + 2;
  return [Math.max(labelMinimum + 2, Math.min(label, left)), ...figures];
}

function labelCell(option: WeighedOption, showPrompt: boolean): string {
  // cli-table3 trims a cell's leading spaces, so the options off the frontier are not indented.
  const lines = [`${option.onFrontier ? '* ' : ''}${safe(option.target)}`];
  if (showPrompt) lines.push(`prompt ${safe(option.prompt)}`);
  if (option.simulated) lines.push('(simulated)');
  return lines.join('\n');
}

/**
 * `local is not placed: gpt-4o would dominate it, but cost per request is known for one of them
 * only.` The unknown figure may be better or worse: neither the frontier nor "dominated" is shown.
 */
function notPlacedText(choice: Choice, option: WeighedOption, name: (option: { target: string; prompt: string }) => string): string {
  const others = option.undecidedBy.map((key) => choice.options.find((other) => other.target === key.target && other.prompt === key.prompt)!);
  const oneSided = new Set(others.flatMap((other) => [...option.missing.filter((figure) => !other.missing.includes(figure)), ...other.missing.filter((figure) => !option.missing.includes(figure))]));
  const figures = [...oneSided];
  const pair = others.length === 1 ? 'one of them' : 'one side';
  return `${name(option)} is not placed: ${joinAnd(others.map(name))} would dominate it on the figures both have, but ${joinAnd(figures)} ${figures.length === 1 ? 'is' : 'are'} known for ${pair} only.`;
}

function missingText(option: WeighedOption, figure: FrontierFigure): string {
  switch (figure) {
    case 'pass rate':
      return 'no pass rate (nothing scored)';
    case 'cost per request':
      return `no cost (${missingCostReason(option)})`;
    case 'TTFT p50':
      return `no TTFT p50 (${tooFew(option.ttftP50Ms)})`;
    case 'e2e p50':
      return `no e2e p50 (${tooFew(option.e2eP50Ms)})`;
  }
}

const tooFew = (estimate: PercentileEstimate | undefined) =>
  estimate === undefined ? 'nothing answered' : `${estimate.n} answers, fewer than the ${'needed' in estimate ? estimate.needed : 'n'} it needs`;

/** `416` over `380–450`; `n<6` when the sample cannot support a median with an interval. */
function medianCell(estimate: PercentileEstimate | undefined): string {
  if (estimate === undefined) return '';
  if (estimate.estimate === undefined) return `n<${estimate.needed}`;
  return `${formatMilliseconds(estimate.estimate)}\n${formatMilliseconds(estimate.low)}–${formatMilliseconds(estimate.high)}`;
}

const whole = (share: number) => plainFixed(share * 100, 0);
const perThousand = (usd: number | undefined) => (usd === undefined ? undefined : usd * 1000);
const safe = (text: string) => terminalSafe(text, { oneLine: true });

function joinAnd(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}
