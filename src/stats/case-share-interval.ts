import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import { checkLevel } from './binomial.ts';
import { proportionInterval, wilsonInterval, type Interval } from './proportion-interval.ts';

/**
 * caseShareRate's interval (summary.csv's `pass_rate_ci_*` with repeats) at any two-sided
 * `level`: Wilson over the cases when every share is 0 or 1; otherwise Wilson at the effective
 * number of cases (Korn and Graubard, 1998), shrunk by (z / t)² for the n − 1 degrees of freedom
 * and at most cases × repeats, which is also the floor when every share is alike. The gate on a
 * rate with repeats decides on it at 1 − 2α, so that its bound and the summary's are one method,
 * and at α 0.025 one number. Undefined with no case, or one case whose share is neither 0 nor 1.
 */
export function caseShareInterval(shares: readonly number[], repeats: number, level: number): Interval | undefined {
  checkLevel(level);
  const cases = shares.length;
  if (cases === 0) return undefined;
  const total = shares.reduce((sum, share) => sum + share, 0);
  const rate = total / cases;
  const z = normalQuantile(1 - (1 - level) / 2, 0, 1);
  // Whole counts: the plain Wilson interval of the cases, the very figure of one repeat.
  if (shares.every((share) => share === 0 || share === 1)) return level === 0.95 ? proportionInterval(total, cases) : wilsonInterval(rate, cases, z);
  if (cases < 2) return undefined;
  const most = cases * Math.max(1, repeats);
  const sd = Math.sqrt(shares.reduce((sum, share) => sum + (share - rate) ** 2, 0) / (cases - 1));
  if (sd === 0) return wilsonInterval(rate, most, z);
  const standardError = sd / Math.sqrt(cases);
  const t = tQuantile(1 - (1 - level) / 2, cases - 1);
  const effective = ((rate * (1 - rate)) / standardError ** 2) * (z / t) ** 2;
  return wilsonInterval(rate, Math.min(effective, most), z);
}
