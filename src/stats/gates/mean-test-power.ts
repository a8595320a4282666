import { smallestSampleSize } from './smallest-sample-size.ts';
import tCdf from '@stdlib/stats-base-dists-t-cdf';
import tQuantile from '@stdlib/stats-base-dists-t-quantile';

/**
 * The power of a one-sided t-test on n per-case values with standard deviation `sd`, when the
 * truth lies `distance` past the gate's boundary: 1 − T(t₁₋α,n−1 − distance·√n/sd; n − 1), the
 * usual approximation of the noncentral t. Undefined under 2 cases.
 */
export function meanTestPower(n: number, sd: number, distance: number, alpha: number): number | undefined {
  if (n < 2 || !(sd > 0)) return undefined;
  const df = n - 1;
  return 1 - tCdf(tQuantile(1 - alpha, df) - (distance * Math.sqrt(n)) / sd, df);
}

/** The smallest n whose meanTestPower reaches `power` (default 0.8); undefined past 100,000. */
export function meanTestSampleSize(sd: number, distance: number, alpha: number, power = 0.8): number | undefined {
  if (!(sd > 0) || !(distance > 0)) return undefined;
  const reaches = (n: number) => (meanTestPower(n, sd, distance, alpha) ?? 0) >= power;
  return smallestSampleSize(reaches);
}
