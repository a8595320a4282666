import * as Plot from '@observablehq/plot';
import type { AttemptRecord } from '../../records/attempt-record.ts';
import type { ChartFigure } from './chart-figure.ts';
import type { ChartSeries } from './chart-series.ts';
import { ecdfPoints } from './ecdf-points.ts';
import { omittedNote } from './omitted-note.ts';
import { plotSvg } from './plot-svg.ts';

const figures = {
  ttft: { id: 'ttft-distribution', title: 'Time to first token', axis: 'TTFT', name: 'time to first token', missing: 'no answer with a time to first token', value: (record: AttemptRecord) => record.timing.ttftMs },
  e2e: { id: 'e2e-distribution', title: 'End-to-end latency', axis: 'End-to-end', name: 'end-to-end time', missing: 'no answer with an end-to-end time', value: (record: AttemptRecord) => record.timing.e2eMs },
} as const;

/** Points a whole chart may spend on its lines, shared out between them: bounded whatever the run's size. */
const pointsPerChart = 2400;

/**
 * The distribution of TTFT or end-to-end time of each series' answered requests as an empirical
 * CDF: every percentile can be read off it (where it crosses 50% is the p50), and so can a second
 * mode (cache hits, a slow route) and the tail, which a box would fold into whiskers and dots;
 * the lines of every target share one axis. A log axis when the times span more than 30-fold.
 * Undefined when no series has such a time.
 */
export function latencyDistributionChart(figure: keyof typeof figures, series: readonly ChartSeries[], records: ReadonlyMap<string, readonly AttemptRecord[]>): ChartFigure | undefined {
  const { id, title, axis, name, missing, value } = figures[figure];
  const lines = series.map((one) => ({ one, values: timesOf(records.get(one.key) ?? [], value) }));
  const drawn = lines.filter((line) => line.values.length > 0);
  if (drawn.length === 0) return undefined;
  const most = Math.max(50, Math.min(300, Math.floor(pointsPerChart / drawn.length)));
  const lowest = Math.min(...drawn.map((line) => line.values[0]!));
  const highest = Math.max(...drawn.map((line) => line.values.at(-1)!));
  const log = lowest > 0 && highest / lowest > 30;
  const svg = plotSvg(
    {
      height: 300,
      marginLeft: 50,
      x: { type: log ? 'log' : 'linear', label: `${axis} (ms${log ? ', log scale' : ''})`, grid: true },
      y: { domain: [0, 1], label: 'share of answers', tickFormat: '.0%', grid: true },
      marks: [
        Plot.ruleY([0.5, 0.9], { stroke: '#999', strokeDasharray: '3,3' }),
        ...drawn.map(({ one, values }) =>
          Plot.line(ecdfPoints(values, most), {
            x: 'x',
            y: 'y',
            curve: 'step-after',
            stroke: one.colour,
            strokeWidth: 1.5,
            strokeDasharray: one.dashed ? '6,3' : undefined,
            title: () => `${one.label}: ${values.length} answers`,
            ariaDescription: 'distribution line',
          }),
        ),
      ],
    },
    drawn.map(({ one }) => ({ label: one.label, text: one.shortLabel, colour: one.colour, dashed: one.dashed, swatch: 'line' })),
  );
  const caption =
    `Each line is a target: the share of its answered requests (up) whose ${name} was at most the time across; further left is faster. ` +
    `A line crosses the dashed 50% and 90% guides at its p50 and p90.` +
    omittedNote({ series: lines.filter((line) => line.values.length === 0).map((line) => line.one), reason: missing });
  return { id, title, caption, svg };
}

function timesOf(records: readonly AttemptRecord[], value: (record: AttemptRecord) => number | undefined): number[] {
  // Answered attempts only, as the summary's percentiles: a failed attempt's timing is never mixed in.
  return records
    .filter((record) => record.status === 'ok')
    .map(value)
    .filter((time): time is number => time !== undefined && Number.isFinite(time))
    .sort((a, b) => a - b);
}
