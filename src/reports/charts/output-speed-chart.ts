import * as Plot from '@observablehq/plot';
import type { AttemptRecord } from '../../records/attempt-record.ts';
import { percentile } from '../../stats/percentile.ts';
import type { ChartFigure } from './chart-figure.ts';
import type { ChartSeries } from './chart-series.ts';
import { omittedNote } from './omitted-note.ts';
import { plotSvg } from './plot-svg.ts';
import { bandMarginLeft, seriesLabels } from './series-labels.ts';

/**
 * Output tokens per second of each series' answered requests as a box: the middle half, the
 * median as a bar across it (the summary's tokens/s p50, same method), and whiskers from the
 * 5th to the 95th percentile; from the ninth series, whose colours repeat, a hollow dashed box.
 * Five figures per series, however long the run. Undefined when no
 * answer has a rate (every answer came in one chunk, or none came).
 */
export function outputSpeedChart(series: readonly ChartSeries[], records: ReadonlyMap<string, readonly AttemptRecord[]>): ChartFigure | undefined {
  const boxes = series.map((one) => ({ one, values: ratesOf(records.get(one.key) ?? []) }));
  const drawn = boxes.filter((box) => box.values.length > 0);
  if (drawn.length === 0) return undefined;
  const rows = drawn.map(({ one, values }) => {
    const [p5, p25, p50, p75, p95] = [5, 25, 50, 75, 95].map((p) => percentile(values, p)!);
    return { key: one.key, colour: one.colour, dashed: one.dashed, p5, p25, p50, p75, p95, title: `${one.label}: median ${p50!.toFixed(1)} tokens/s, middle half ${p25!.toFixed(1)}–${p75!.toFixed(1)}, n=${values.length}` };
  });
  const svg = plotSvg({
    height: 40 + 36 * drawn.length,
    marginLeft: bandMarginLeft,
    x: { label: 'output tokens/s', grid: true, zero: true },
    y: { domain: rows.map((row) => row.key), axis: null, padding: 0.3 },
    marks: [
      // Past eight series the colours repeat: those boxes are hollow, their boxes and whiskers dashed.
      ...[false, true].flatMap((dashed) => {
        const some = rows.filter((row) => row.dashed === dashed);
        const dashes = dashed ? '4,2' : undefined;
        return some.length === 0
          ? []
          : [
              Plot.ruleY(some, { y: 'key', x1: 'p5', x2: 'p95', stroke: 'colour', strokeDasharray: dashes, ariaDescription: 'whisker' }),
              Plot.barX(some, { y: 'key', x1: 'p25', x2: 'p75', fill: dashed ? 'white' : 'colour', fillOpacity: dashed ? 1 : 0.3, stroke: 'colour', strokeDasharray: dashes, title: 'title', ariaDescription: 'box' }),
            ];
      }),
      Plot.tickX(rows, { y: 'key', x: 'p50', stroke: 'colour', strokeWidth: 3, title: 'title', ariaDescription: 'median' }),
      ...seriesLabels(drawn.map(({ one, values }) => ({ one, note: `n=${values.length}` }))),
    ],
  });
  const caption =
    'Output tokens per second of each answered request, per target: the box holds the middle half of the requests, the thick bar is the median, the whiskers reach the 5th and 95th percentiles; further right is faster.' +
    omittedNote({ series: boxes.filter((box) => box.values.length === 0).map((box) => box.one), reason: 'no answer with a tokens/s rate' });
  return { id: 'output-speed', title: 'Output speed', caption, svg };
}

function ratesOf(records: readonly AttemptRecord[]): number[] {
  return records.flatMap((record) => (record.status === 'ok' && record.timing.outputTps !== undefined && Number.isFinite(record.timing.outputTps) ? [record.timing.outputTps] : []));
}
