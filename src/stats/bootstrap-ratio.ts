import type { Interval } from './proportion-interval.ts';

export type RatioEstimate = { ratio: number; interval: Interval | undefined; resamples: number };

/** current/base over the same cases, with a seeded case-resampling bootstrap interval. */
export function bootstrapRatio<T>(cases: readonly T[], figure: { base(sample: readonly T[]): number | undefined; current(sample: readonly T[]): number | undefined }, options: { seed?: number; resamples?: number; level?: number } = {}): RatioEstimate | undefined {
  throw new Error('not implemented');
}
