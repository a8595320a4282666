import * as Plot from '@observablehq/plot';
import { paretoFrontier } from '../../stats/pareto-frontier.ts';
import type { TargetSummary } from '../../stats/target-summary.ts';
import { plainFixed } from '../csv-cell.ts';
import { formatUsd } from '../format-usd.ts';
import { linearTicks, ownDecimals } from './axis-ticks.ts';
import type { ChartFigure } from './chart-figure.ts';
import type { ChartSeries } from './chart-series.ts';
import { omittedNote } from './omitted-note.ts';
import { plotSvg } from './plot-svg.ts';

type Figure = { value: number; low?: number; high?: number };

/** What the horizontal axis measures: a figure where lower is better, with its interval when it has one. */
const axes = {
  cost: {
    id: 'quality-cost',
    title: 'Quality against cost',
    label: 'cost per request (USD)',
    format: (value: number) => `$${formatUsd(value)}`,
    tick: (value: number, decimals: number) => (value === 0 ? '$0' : `$${grouped(value, decimals)}`),
    missing: 'no cost: no price known',
    reading: 'left is cheaper (cost per request, measured over every attempt, so it has no interval)',
    figure: (summary: TargetSummary): Figure | undefined => (summary.costPer1kRequestsUsd === undefined ? undefined : { value: summary.costPer1kRequestsUsd / 1000 }),
  },
  ttft: {
    id: 'quality-ttft',
    title: 'Quality against TTFT',
    label: 'TTFT p50 (ms)',
    format: (value: number) => `${plainFixed(value, value < 10 ? 1 : 0)} ms`,
    tick: (value: number, decimals: number) => `${grouped(value, decimals)} ms`,
    missing: 'no TTFT median: fewer than 6 answers with a TTFT',
    reading: 'left is faster (median time to first token, with its 95% interval as a horizontal bar)',
    figure: (summary: TargetSummary): Figure | undefined => {
      const estimate = summary.percentiles.ttftP50Ms;
      return estimate?.estimate === undefined ? undefined : { value: estimate.estimate, low: estimate.low, high: estimate.high };
    },
  },
} as const;

/**
 * One point per series: its pass rate (up, with its 95% interval) against its cost per request
 * or its TTFT p50 (across, lower is better), and the Pareto frontier (src/stats/pareto-frontier)
 * as a staircase through the points no other point beats on both. A series without a pass rate
 * (its cases have no assertions) or without the other figure is left out, and the caption says
 * so. Undefined when no series has both.
 */
export function qualityTradeoffChart(axis: keyof typeof axes, series: readonly ChartSeries[]): ChartFigure | undefined {
  const { id, title, label, format, tick, missing, reading, figure } = axes[axis];
  const points = series.flatMap((one) => {
    const { passRate, passRateCiLow, passRateCiHigh } = one.summary;
    const across = figure(one.summary);
    if (passRate === undefined || across === undefined) return [];
    const interval = passRateCiLow === undefined || passRateCiHigh === undefined ? '' : ` [${Math.round(passRateCiLow * 100)}–${percent(passRateCiHigh)}]`;
    const acrossText = across.low === undefined ? format(across.value) : `${format(across.value)} [${format(across.low)}–${format(across.high!)}]`;
    return [{ one, x: across.value, xLow: across.low, xHigh: across.high, y: passRate, yLow: passRateCiLow, yHigh: passRateCiHigh, colour: one.colour, fill: one.dashed ? 'white' : one.colour, title: `${one.label}: pass rate ${percent(passRate)}${interval}, ${acrossText}` }];
  });
  if (points.length === 0) return undefined;
  const frontier = paretoFrontier(points, [
    { name: 'pass rate', better: 'higher', value: (point) => point.y },
    { name: axis, better: 'lower', value: (point) => point.x },
  ])
    .filter((entry) => entry.onFrontier)
    .map((entry) => entry.item)
    .sort((a, b) => a.x - b.x || b.y - a.y);
  const xs = points.flatMap((point) => [point.x, point.xLow ?? point.x, point.xHigh ?? point.x]);
  const log = Math.min(...xs) > 0 && Math.max(...xs) / Math.min(...xs) > 30;
  const svg = plotSvg(
    {
      height: 340,
      marginLeft: 50,
      marginRight: 30,
      x: { label: `${label}${log ? ', log scale' : ''}`, grid: true, ...xScale(xs, log, axis === 'cost', tick) },
      y: { domain: [0, 1], label: 'pass rate', tickFormat: '.0%', grid: true },
      marks: [
        frontier.length > 1 ? Plot.line(frontier, { x: 'x', y: 'y', curve: 'step-after', stroke: '#666', strokeDasharray: '5,3', ariaDescription: 'pareto frontier' }) : null,
        Plot.ruleX(points.filter((point) => point.yLow !== undefined), { x: 'x', y1: 'yLow', y2: 'yHigh', stroke: 'colour', strokeWidth: 1.5, ariaDescription: 'pass rate interval' }),
        Plot.ruleY(points.filter((point) => point.xLow !== undefined), { y: 'y', x1: 'xLow', x2: 'xHigh', stroke: 'colour', strokeWidth: 1.5, ariaDescription: `${axis} interval` }),
        Plot.dot(points, { x: 'x', y: 'y', r: 5, fill: 'fill', stroke: 'colour', strokeWidth: 1.5, title: 'title', ariaDescription: 'target point' }),
      ],
    },
    points.map((point) => ({ label: point.one.label, text: point.one.shortLabel, colour: point.colour, dashed: point.one.dashed, swatch: 'dot' })),
  );
  const drawn = new Set(points.map((point) => point.one.key));
  const left = series.filter((one) => !drawn.has(one.key));
  const caption =
    `Each point is a target: up is a higher pass rate (with its 95% interval as a vertical bar), ${reading}. ` +
    `The dashed staircase joins the targets that no other target beats on both.` +
    omittedNote(
      { series: left.filter((one) => one.summary.passRate === undefined), reason: 'no pass rate: no assertions' },
      { series: left.filter((one) => one.summary.passRate !== undefined), reason: missing },
    );
  return { id, title, caption, svg };
}

/** Ticks across the chart's 560 pixels, one per 80 as Plot spaces them. */
const tickCount = 7;

/**
 * The horizontal scale, its ticks labelled to the precision of their step: 1.5 ms reads "1.5 ms",
 * not "2 ms" beside a "2 ms" at 2. A log axis labels its ticks (1–9 times a power of ten, some
 * left blank by Plot) each to its own precision.
 */
function xScale(xs: readonly number[], log: boolean, zero: boolean, tick: (value: number, decimals: number) => string): Plot.ScaleOptions {
  if (log) return { type: 'log', tickFormat: (value: number) => tick(value, ownDecimals(value)) };
  const low = Math.min(...xs, ...(zero ? [0] : []));
  const high = Math.max(...xs);
  const { ticks, decimals } = linearTicks(low, high, tickCount);
  return { type: 'linear', domain: [low, high], ticks, tickFormat: (value: number) => tick(value, decimals) };
}

/** `1,100.5`: thousands grouped, as Plot's own axes show them. */
function grouped(value: number, decimals: number): string {
  return value.toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}

function percent(rate: number): string {
  return `${Math.round(rate * 100)}%`;
}
