import type { PairComparison, RateChange, RatioChange, Verdict } from '../stats/case-comparison.ts';
import { plainFixed } from './csv-cell.ts';

/** A difference of rates in percentage points, signed: `+25.0`, `-7.7`. */
export const formatPoints = (value: number) => `${value > 0 ? '+' : ''}${plainFixed(value * 100, 1)}`;

/** `-16.7 [-29.2, -8.0]`: a rate change in points with its interval; empty when there is none. */
export function formatRateChange(change: RateChange): string {
  if (change.difference === undefined) return '';
  const interval = change.interval ? ` [${formatPoints(change.interval.low)}, ${formatPoints(change.interval.high)}]` : '';
  return `${formatPoints(change.difference)}${interval}`;
}

/** `×1.02 [0.97–1.08]`; empty when unknown, the bare ratio when it has no interval. */
export function formatRatioChange(change: RatioChange): string {
  if (change.ratio === undefined) return '';
  const interval = change.interval ? ` [${plainFixed(change.interval.low, 2)}–${plainFixed(change.interval.high, 2)}]` : '';
  return `×${plainFixed(change.ratio, 2)}${interval}`;
}

/** A p-value people can read: two significant figures, `<0.0001` below that. */
export const formatP = (value: number | undefined) => (value === undefined ? '' : value < 0.0001 ? '<0.0001' : value.toPrecision(2));

const verdictWords: Record<Verdict, string> = { better: 'better', worse: 'worse', 'no detectable change': 'no change', 'not enough data': 'no data' };

/** The verdict in a table cell: `worse`, `better`, `no change`, `no data`. */
export const formatVerdict = (verdict: Verdict) => verdictWords[verdict];

export const comparisonHeadings = ['cases', 'pass Δ pts [CI]', 'p', 'verdict', 'flips ↓/↑', 'TTFT p50', 'e2e p50', '$/req'];

/** The figures of one comparison, as text in the order of `comparisonHeadings`. */
export function comparisonCells(comparison: PairComparison): string[] {
  return [
    String(comparison.passRate.cases),
    formatRateChange(comparison.passRate),
    formatP(comparison.passRate.adjustedPValue),
    formatVerdict(comparison.passRate.verdict),
    `${comparison.flips.worse.length}/${comparison.flips.better.length}`,
    formatRatioChange(comparison.ttftP50),
    formatRatioChange(comparison.e2eP50),
    formatRatioChange(comparison.costPerRequest),
  ];
}
