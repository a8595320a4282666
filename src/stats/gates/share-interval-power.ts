import { smallestSampleSize } from './smallest-sample-size.ts';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import tCdf from '@stdlib/stats-base-dists-t-cdf';
import tQuantile from '@stdlib/stats-base-dists-t-quantile';

export type ShareIntervalPowerInput = {
  /** The gate's threshold, as a rate. */
  threshold: number;
  /** The rate power is stated against, on the failing side of the threshold. */
  bad: number;
  /**
   * The variance of a case's share over that of a case passing all-or-nothing, p(1 − p): 1 when
   * repeats agree, 1/repeats when they are independent. Taken as the same at every rate.
   */
  designEffect: number;
  repeats: number;
  /** One-sided. */
  alpha: number;
};

/**
 * The power of the rate gate with repeats, which decides on caseShareInterval at 1 − 2α: Wilson
 * at the effective number of cases n·(z/t)²/deff, at most n·repeats. Wilson's bound passes the
 * threshold T exactly when the rate lies more than z·√(T(1 − T)/n_eff) from it, that is
 * max(t·√(deff/n), z/√(n·repeats))·√(T(1 − T)); the rate of n cases at a true b varies by
 * √(deff·b(1 − b)/n). The power is the t probability of that gap:
 * T_{n−1}((|T − b| − gap)·√n / √(deff·b(1 − b))). Sizing by a t-test on the shares instead
 * ignored that the interval is narrower near a high threshold than at the bad rate, and gave 87%
 * where it promised 80% (calibration.md, before this sizing). When every share is 0 or 1 the
 * interval is plain Wilson, with z where this takes t: the power stated is then a shade low (the
 * gap 1% wider at 100 cases). Undefined under 2 cases.
 */
export function shareIntervalPower(n: number, input: ShareIntervalPowerInput): number | undefined {
  if (!(n >= 2)) return undefined;
  const { threshold, bad, alpha } = input;
  const designEffect = Math.max(input.designEffect, 1 / input.repeats);
  const t = tQuantile(1 - alpha, n - 1);
  const z = normalQuantile(1 - alpha, 0, 1);
  const gap = Math.max(t * Math.sqrt(designEffect / n), z / Math.sqrt(n * input.repeats)) * Math.sqrt(threshold * (1 - threshold));
  const spread = Math.sqrt((designEffect * bad * (1 - bad)) / n);
  if (spread === 0) return Math.abs(threshold - bad) > gap ? 1 : 0;
  return tCdf((Math.abs(threshold - bad) - gap) / spread, n - 1);
}

/**
 * The fewest cases whose shareIntervalPower reaches `power` (default 0.8). The power rises with n
 * (the gap shrinks faster than the spread), so a bisection finds it. Undefined past 100,000 cases.
 */
export function shareIntervalSampleSize(input: ShareIntervalPowerInput, power = 0.8): number | undefined {
  const reaches = (n: number) => (shareIntervalPower(n, input) ?? 0) >= power;
  return smallestSampleSize(reaches);
}

/**
 * The design effect a run of cases' shares shows, as caseShareInterval reads it: 1 when every
 * share is 0 or 1 (the interval is then Wilson over the cases), else the shares' variance over
 * rate·(1 − rate), at least 1/repeats (what independent repeats would give, and the interval's
 * own floor).
 */
export function observedDesignEffect(shares: readonly number[], repeats: number): number {
  const floor = 1 / Math.max(1, repeats);
  if (shares.every((share) => share === 0 || share === 1)) return 1;
  if (shares.length < 2) return floor;
  const rate = shares.reduce((sum, share) => sum + share, 0) / shares.length;
  const variance = shares.reduce((sum, share) => sum + (share - rate) ** 2, 0) / (shares.length - 1);
  return Math.max(floor, variance / (rate * (1 - rate)));
}
