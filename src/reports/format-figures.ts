import type { TargetSummary } from '../stats/index.ts';
import type { PercentileEstimate } from '../stats/percentile-interval.ts';
import { plainFixed } from './csv-cell.ts';

/** Figures for people (the terminal table and report.html); an unknown one is empty, never 0. */
export const formatPercent = (value: number | undefined) => (value === undefined ? '' : plainFixed(value * 100, 1));

export const formatFixed = (value: number | undefined, decimals: number) => (value === undefined ? '' : plainFixed(value, decimals));

/** Whole milliseconds, a tenth below 10 ms; `unknown` stands in for a figure that cannot be known. */
export const formatMilliseconds = (value: number | undefined, unknown = '') =>
  value === undefined ? unknown : plainFixed(value, value < 10 ? 1 : 0);

/**
 * `84.6 [58–96]`: a rate in percent with its 95% interval in whole percent; empty when the rate is
 * unknown, `?` for an end the data cannot give (one case of several repeats).
 */
export function formatRate(rate: number | undefined, low: number | undefined, high: number | undefined): string {
  if (rate === undefined) return '';
  const whole = (value: number | undefined) => (value === undefined ? '?' : String(Math.round(value * 100)));
  return `${formatPercent(rate)} [${whole(low)}–${whole(high)}]`;
}

/** The pass rate with its 95% interval (unanswered requests counted as failed); empty when no case counts. */
export const formatPassRate = (summary: TargetSummary) => formatRate(summary.passRate, summary.passRateCiLow, summary.passRateCiHigh);

/** The success rate with its 95% interval; `no data` when nothing was sent. */
export const formatSuccessRate = (summary: TargetSummary) =>
  summary.requests === 0 ? 'no data' : formatRate(summary.successRate, summary.successRateCiLow, summary.successRateCiHigh);

/**
 * A percentile as `format` writes it, `n<36` when the sample is too small to bound it (so never
 * a p99 of 13 samples), empty with no sample; with `interval`, its 95% interval after it, its
 * ends written by `interval` (`364 [300–420]`, `61.3 [58–64]`).
 */
export function formatPercentile(estimate: PercentileEstimate | undefined, format: (value: number) => string, options: { interval?: (value: number) => string } = {}): string {
  if (estimate === undefined) return '';
  if (estimate.estimate === undefined) return `n<${estimate.needed}`;
  const { interval } = options;
  return interval ? `${format(estimate.estimate)} [${interval(estimate.low)}–${interval(estimate.high)}]` : format(estimate.estimate);
}
