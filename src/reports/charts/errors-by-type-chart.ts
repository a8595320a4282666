import * as Plot from '@observablehq/plot';
import { errorTypeSchema, type ErrorType } from '../../records/attempt-error.ts';
import type { ChartFigure } from './chart-figure.ts';
import type { ChartSeries } from './chart-series.ts';
import { plotSvg } from './plot-svg.ts';
import { bandMarginLeft, seriesLabels } from './series-labels.ts';

/**
 * Each error type's colour, the same in every run. Browns, purples and greys of unequal lightness,
 * so that neighbouring segments stay apart in grey print; a legend names them, since they are
 * not the targets' colours.
 */
const errorColours: Record<ErrorType, string> = {
  timeout: '#7f3b08',
  rate_limited: '#e08214',
  server_error: '#542788',
  network: '#b2abd2',
  stream_error: '#b35806',
  bad_response: '#8073ac',
  auth: '#2d004b',
  quota: '#fdb863',
  bad_request: '#4d4d4d',
  not_found: '#bababa',
  unknown: '#878787',
};

/**
 * The requests of each series that ended in an error, by the type of their last attempt's error
 * (the summary's error counts), as stacked bars; a target with none has an empty row. Undefined
 * when no request of the run ended in an error.
 */
export function errorsByTypeChart(series: readonly ChartSeries[]): ChartFigure | undefined {
  const types = errorTypeSchema.options.filter((type) => series.some((one) => (one.summary.errorCounts[type] ?? 0) > 0));
  if (types.length === 0) return undefined;
  const segments = series.flatMap((one) =>
    types.flatMap((type) => {
      const count = one.summary.errorCounts[type] ?? 0;
      return count > 0 ? [{ key: one.key, type, count, colour: errorColours[type], title: `${one.label}: ${type} ${count} of ${one.summary.requests} requests` }] : [];
    }),
  );
  const totals = series.map((one) => ({ key: one.key, errors: segments.filter((segment) => segment.key === one.key).reduce((sum, segment) => sum + segment.count, 0), requests: one.summary.requests }));
  const most = Math.max(...totals.map((total) => total.errors));
  const svg = plotSvg(
    {
      height: 40 + 32 * series.length,
      marginLeft: bandMarginLeft,
      marginRight: 90,
      // Counts: whole ticks only (Plot would tick 0.2, 0.4… up to a single error).
      x: { label: 'requests that ended in an error', grid: true, ...(most <= 10 ? { ticks: Array.from({ length: most + 1 }, (_, count) => count) } : {}), tickFormat: 'd' },
      y: { domain: series.map((one) => one.key), axis: null, padding: 0.25 },
      marks: [
        Plot.barX(segments, { y: 'key', x: 'count', fill: 'colour', stroke: 'white', title: 'title', order: types, z: 'type', ariaDescription: 'error segment' }),
        Plot.text(totals, { y: 'key', x: 'errors', text: (total: (typeof totals)[number]) => (total.errors === 0 ? 'no errors' : `${total.errors} of ${total.requests}`), textAnchor: 'start', dx: 6, ariaDescription: 'error total' }),
        ...seriesLabels(series.map((one) => ({ one }))),
      ],
    },
    types.map((type) => ({ label: type, colour: errorColours[type], swatch: 'square' })),
  );
  const caption = "Requests of each target that ended in an error (after any retries), by the error's type: each bar is one target, each coloured segment one type; the figure after a bar counts its errors out of all its requests.";
  return { id: 'errors-by-type', title: 'Errors by type', caption, svg };
}
