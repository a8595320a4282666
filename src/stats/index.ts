export { mean } from './mean.ts';
export { percentile } from './percentile.ts';
export { proportionInterval, type Interval } from './proportion-interval.ts';
export { summarize, type PlannedPair } from './summarize.ts';
export type { TargetSummary } from './target-summary.ts';
export { compareToBaseline, type BaselineComparison } from './compare-to-baseline.ts';
export { pairKey } from './pair-key.ts';
