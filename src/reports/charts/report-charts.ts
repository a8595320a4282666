import type { ReportInput } from '../report-input.ts';
import type { ChartFigure } from './chart-figure.ts';
import { chartSeries, recordsBySeries } from './chart-series.ts';
import { errorsByTypeChart } from './errors-by-type-chart.ts';
import { latencyDistributionChart } from './latency-distribution-chart.ts';
import { outputSpeedChart } from './output-speed-chart.ts';
import { qualityTradeoffChart } from './quality-tradeoff-chart.ts';

export type { ChartFigure } from './chart-figure.ts';

/**
 * report.html's charts, each per (target, prompt) of the summaries, in one colour per series
 * throughout: TTFT and end-to-end distributions, output speed, errors by type, and quality
 * against cost and against TTFT with their Pareto frontiers. A chart with nothing to draw (no
 * errors, no assertions, no prices) is left out. Pure and deterministic: the same input gives
 * the same SVG text.
 */
export function reportCharts(input: ReportInput): ChartFigure[] {
  const series = chartSeries(input.summaries);
  // A slot's answered attempt is its last; the timing charts take answered attempts, as the summary's percentiles do.
  const records = recordsBySeries(series, input.records);
  return [
    latencyDistributionChart('ttft', series, records),
    latencyDistributionChart('e2e', series, records),
    outputSpeedChart(series, records),
    errorsByTypeChart(series),
    qualityTradeoffChart('cost', series),
    qualityTradeoffChart('ttft', series),
  ].filter((chart) => chart !== undefined);
}
