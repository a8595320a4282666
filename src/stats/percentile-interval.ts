export type PercentileEstimate = { n: number; estimate: number; low: number; high: number } | { n: number; estimate: undefined; needed: number };

/** Smallest n for which a distribution-free interval for the p-th percentile exists at `level`. */
export function percentileSampleSize(p: number, level = 0.95): number {
  throw new Error('not implemented');
}

/** The p-th percentile with its distribution-free order-statistic interval. */
export function percentileInterval(values: readonly number[], p: number, level = 0.95): PercentileEstimate {
  throw new Error('not implemented');
}
