import type { ProportionTestOptions } from './one-sample-proportion-test.ts';

/** Exact P(reject | rate = badRate) for oneSampleProportionTest. */
export function proportionTestPower(n: number, threshold: number, badRate: number, options: ProportionTestOptions = {}): number {
  throw new Error('not implemented');
}

/** Smallest n with proportionTestPower ≥ power; undefined when unreachable by 100,000. */
export function proportionSampleSize(threshold: number, badRate: number, options: ProportionTestOptions & { power?: number } = {}): number | undefined {
  throw new Error('not implemented');
}

/** Pairs needed for McNemar's test (Connor 1987). */
export function pairedSampleSize(discordantShare: number, difference: number, options: { alpha?: number; power?: number; sided?: 1 | 2 } = {}): number | undefined {
  throw new Error('not implemented');
}

/** Power of McNemar's test with n pairs (Connor 1987). */
export function pairedPower(n: number, discordantShare: number, difference: number, options: { alpha?: number; sided?: 1 | 2 } = {}): number {
  throw new Error('not implemented');
}

/** Smallest |difference| detectable with n pairs and discordant share ψ. */
export function minimumDetectableDifference(n: number, discordantShare: number, options: { alpha?: number; power?: number; sided?: 1 | 2 } = {}): number | undefined {
  throw new Error('not implemented');
}

/** Smallest mean difference a t-test detects with n cases and this sd of the per-case differences. */
export function minimumDetectableMean(n: number, sd: number, options: { alpha?: number; power?: number; sided?: 1 | 2 } = {}): number | undefined {
  throw new Error('not implemented');
}
