import { oneSampleMeanTest } from './paired-mean-test.ts';
import { proportionInterval, type Interval } from './proportion-interval.ts';

/** A rate whose unit is the case, with its 95% interval and the number of cases it is over. */
export type CaseShareRate = { rate: number | undefined; interval: Interval | undefined; cases: number };

/**
 * The mean of per-case shares (each 0..1: the share of a case's repeats that passed, say) with a
 * 95% interval in which the cases, not the repeats, are the independent draws. When every share
 * is 0 or 1 (always so with one repeat) the rate is a proportion of cases and gets the Wilson
 * interval; the t interval of such data is the normal one, which collapses to a point at 0% and
 * 100%. Otherwise a Student t interval on the shares, kept inside 0..1; should the shares not vary
 * at all (every case at 2 of 3), Wilson on the cases stands in for the t interval's single point.
 * With one non-binary case there is no interval.
 */
export function caseShareRate(shares: readonly number[]): CaseShareRate {
  const cases = shares.length;
  if (cases === 0) return { rate: undefined, interval: undefined, cases };
  const total = shares.reduce((sum, share) => sum + share, 0);
  const rate = total / cases;
  const binary = shares.every((share) => share === 0 || share === 1);
  if (binary) return { rate, interval: proportionInterval(total, cases), cases };
  const test = oneSampleMeanTest(shares, { level: 0.95 });
  if (!test) return { rate, interval: undefined, cases };
  if (test.sd === 0) return { rate, interval: proportionInterval(Math.round(total), cases), cases };
  return { rate, interval: { low: Math.max(0, test.interval.low), high: Math.min(1, test.interval.high) }, cases };
}
