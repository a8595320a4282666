import { binomialCdf, binomialSf, checkLevel } from './binomial.ts';

/**
 * A percentile with its interval, or, when the sample is too small to bracket it, the number of
 * values it would need (shown as `n<368` rather than a p99 of 13 samples).
 */
export type PercentileEstimate = { n: number; estimate: number; low: number; high: number } | { n: number; estimate: undefined; needed: number };

/**
 * The fewest values for which the p-th percentile (0 < p < 100) has a distribution-free
 * equal-tailed interval at `level` (default 0.95): the sample minimum must fall below it, and the
 * maximum above it, each with probability at least 1 − (1 − level)/2, i.e. (1 − p/100)^n and
 * (p/100)^n both at most (1 − level)/2. 6 for the median, 36 for p90, 368 for p99.
 */
export function percentileSampleSize(p: number, level = 0.95): number {
  checkPercentile(p);
  checkLevel(level);
  const rate = p / 100;
  const tail = (1 - level) / 2;
  // The closed form, then the same comparisons as percentileInterval makes, so the two agree.
  let n = Math.max(1, Math.floor(Math.log(tail) / Math.log(Math.max(rate, 1 - rate))) - 1);
  while (!bracketable(n, rate, tail)) n++;
  return n;
}

/**
 * The p-th percentile of the values (linear interpolation, as `percentile`) with a
 * distribution-free interval [x(l), x(u)] from order statistics: with B ~ Binomial(n, p/100) the
 * number of values below the true percentile, l is the largest rank with P(B ≤ l − 1) ≤
 * (1 − level)/2 and u the smallest with P(B ≥ u) ≤ (1 − level)/2, so the interval covers the
 * true percentile with probability at least `level` whatever the distribution (a continuous one;
 * ties only make it more conservative). Below percentileSampleSize values: `needed` instead.
 */
export function percentileInterval(values: readonly number[], p: number, level = 0.95): PercentileEstimate {
  return sortedPercentileInterval(values.toSorted((a, b) => a - b), p, level);
}

/**
 * percentileInterval of values already sorted in ascending order (a Float64Array sorted in place,
 * say), with no copy: what a summary of a million samples asks for several percentiles of.
 */
export function sortedPercentileInterval(sorted: ArrayLike<number>, p: number, level = 0.95): PercentileEstimate {
  const needed = percentileSampleSize(p, level);
  const n = sorted.length;
  if (n < needed) return { n, estimate: undefined, needed };
  const rate = p / 100;
  const tail = (1 - level) / 2;
  const estimate = interpolate(sorted, p);
  // Largest j (0..n−1) with P(B ≤ j) ≤ tail: j = 0 qualifies because n ≥ needed.
  let fits = 0;
  let fails = n;
  while (fails - fits > 1) {
    const middle = Math.floor((fits + fails) / 2);
    if (binomialCdf(middle, n, rate) <= tail) fits = middle;
    else fails = middle;
  }
  const lowRank = fits + 1;
  // Smallest u (1..n) with P(B ≥ u) ≤ tail: u = n qualifies.
  let upperFits = n;
  let upperFails = 0;
  while (upperFits - upperFails > 1) {
    const middle = Math.floor((upperFits + upperFails) / 2);
    if (binomialSf(middle, n, rate) <= tail) upperFits = middle;
    else upperFails = middle;
  }
  return { n, estimate, low: sorted[lowRank - 1]!, high: sorted[upperFits - 1]! };
}

function bracketable(n: number, rate: number, tail: number): boolean {
  return binomialCdf(0, n, rate) <= tail && binomialSf(n, n, rate) <= tail;
}

function checkPercentile(p: number): void {
  if (!(p > 0 && p < 100)) throw new RangeError(`Expected \`p\` to be a number between 0 and 100 (exclusive), got \`${p}\` (${typeof p})`);
}

/** The p-th percentile of sorted values by linear interpolation: `percentile`'s figure, without its sort. */
function interpolate(sorted: ArrayLike<number>, p: number): number {
  const rank = (p / 100) * (sorted.length - 1);
  const lower = Math.floor(rank);
  const lowerValue = sorted[lower]!;
  const upperValue = sorted[Math.ceil(rank)]!;
  return lowerValue + (upperValue - lowerValue) * (rank - lower);
}
