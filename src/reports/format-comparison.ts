import type { BaselineComparison } from '../stats/index.ts';
import { plainFixed } from './csv-cell.ts';

/** A difference of rates in percentage points, signed: `+25.0`, `-7.7`. */
const formatPoints = (value: number) => `${value > 0 ? '+' : ''}${plainFixed(value * 100, 1)}`;

/** A ratio to the baseline: `×1.50`; empty when unknown. */
const formatRatio = (value: number | undefined) => (value === undefined ? '' : `×${plainFixed(value, 2)}`);

export const comparisonHeadings = ['cases', 'pass Δ pts [95% CI]', 'McNemar p', 'only baseline / only this passed', 'TTFT p50', 'e2e p50', '$/1k req'];

/** The figures of one comparison, as text in the order of `comparisonHeadings`. */
export function comparisonCells({ passRate, counts, ttftP50Ratio, e2eP50Ratio, costPer1kRatio }: BaselineComparison): string[] {
  return [
    String(passRate?.pairs ?? 0),
    passRate ? `${formatPoints(passRate.difference)} [${formatPoints(passRate.interval.low)}, ${formatPoints(passRate.interval.high)}]` : '',
    passRate ? passRate.pValue.toPrecision(2) : '',
    passRate ? `${counts.onlyBaseline} / ${counts.onlyOther}` : '',
    formatRatio(ttftP50Ratio),
    formatRatio(e2eP50Ratio),
    formatRatio(costPer1kRatio),
  ];
}
