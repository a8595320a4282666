import type { TargetSummary } from '../stats/index.ts';
import { plainFixed } from './csv-cell.ts';

/** Figures for people (the terminal table and report.html); an unknown one is empty, never 0. */
export const formatPercent = (value: number | undefined) => (value === undefined ? '' : plainFixed(value * 100, 1));

export const formatFixed = (value: number | undefined, decimals: number) => (value === undefined ? '' : plainFixed(value, decimals));

/** Whole milliseconds, a tenth below 10 ms; `unknown` stands in for a figure that cannot be known. */
export const formatMilliseconds = (value: number | undefined, unknown = '') =>
  value === undefined ? unknown : plainFixed(value, value < 10 ? 1 : 0);

/** `84.6 [58–96]`: the pass rate with its Wilson 95% interval; empty when nothing was scored. */
export function formatPassRate(summary: TargetSummary): string {
  if (summary.passRate === undefined) return '';
  const whole = (value: number | undefined) => (value === undefined ? '?' : String(Math.round(value * 100)));
  return `${formatPercent(summary.passRate)} [${whole(summary.passRateCiLow)}–${whole(summary.passRateCiHigh)}]`;
}
