import type { Alternative } from './paired-proportion-test.ts';
import type { Interval } from './proportion-interval.ts';

export type MeanTest = { n: number; mean: number; sd: number; interval: Interval; pValue: number; df: number };

/** Paired t-test on per-case differences (current − baseline pass share, each in −1..1). */
export function pairedMeanTest(differences: readonly number[], options: { alternative?: Alternative; level?: number; nullValue?: number } = {}): MeanTest | undefined {
  throw new Error('not implemented');
}

/** One-sample t-test on raw values against `nullValue`. */
export function oneSampleMeanTest(values: readonly number[], options: { alternative?: Alternative; level?: number; nullValue?: number } = {}): MeanTest | undefined {
  throw new Error('not implemented');
}
