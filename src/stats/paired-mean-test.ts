import tCdf from '@stdlib/stats-base-dists-t-cdf';
import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import { checkLevel } from './binomial.ts';
import type { Alternative } from './paired-proportion-test.ts';
import type { Interval } from './proportion-interval.ts';

export type MeanTest = {
  n: number;
  mean: number;
  /** The sample standard deviation (n − 1 in the denominator). */
  sd: number;
  /** The standard deviation the test used: `sd`, or `minimumSd` when that is larger. */
  sdUsed: number;
  /** On the mean, at `level`; one-sided, the open side is −Infinity or Infinity. */
  interval: Interval;
  /** Of H0: mean = nullValue, against the alternative. */
  pValue: number;
  df: number;
};

export type MeanTestOptions = {
  alternative?: Alternative;
  level?: number;
  nullValue?: number;
  /** A floor under the standard deviation: a sample with no spread is not certainty (see pairedMeanTest). */
  minimumSd?: number;
};

/**
 * The floor pairedMeanTest puts under the spread of n per-case differences: the sample standard
 * deviation of n − 1 equal differences and one that moved by a whole flip (1, a case that passed
 * every repeat now failing every one). With n − 1 values at d and one at d + 1, the mean moves by
 * 1/n and the squares sum to (n − 1)/n² + ((n − 1)/n)² = (n − 1)/n, so over n − 1 degrees of
 * freedom the variance is 1/n: sd ≥ 1/√n, a standard error of at least 1/n. A whole flip, not the
 * smallest step 1/r: a deterministic target repeats its answer, so r repeats of it know no more
 * than one, and the all-equal interval is then about the one-repeat interval (t₀.₉₇₅,ₙ₋₁/n against
 * Wilson's z²/(n + z²) for no discordant case: ±16.8 against ±22.8 points at 13 cases).
 */
export const caseFlipSd = (n: number): number => 1 / Math.sqrt(n);

/**
 * Did the pass rate change, with several repeats per case? Student's paired t-test on the
 * per-case differences (the current run's pass share of the case minus the baseline's, each in
 * −1..1): the case is the unit, its repeats only make its difference less noisy. The alternative
 * is about the mean difference: 'less' = got worse. The interval is the t interval from the same
 * statistic, so "excludes nullValue" and "pValue < 1 − level" agree. The standard deviation is at
 * least caseFlipSd(n) (unless `minimumSd` says otherwise): every case alike is not certainty, and
 * two cases that each lost a third of their repeats do not give p = 0. Undefined below 2 cases.
 */
export function pairedMeanTest(differences: readonly number[], options: MeanTestOptions = {}): MeanTest | undefined {
  return oneSampleMeanTest(differences, { minimumSd: caseFlipSd(Math.max(1, differences.length)), ...options });
}

/**
 * Is the mean of these values different from `nullValue` (default 0)? Student's one-sample t-test
 * with its matching interval. With repeats, the absolute gate passes the per-case pass shares
 * with nullValue = the threshold and alternative 'less'. When every value is the same (sd = 0)
 * there is no noise to weigh: the interval is that value, and p is 0 if it lies on the
 * alternative's side of nullValue, 1 otherwise, unless `minimumSd` > 0 sets a floor under the
 * spread. A mean within 1e-12 of 0 is 0: a difference of equal rates summed from thirds is not
 * −6.5e-18. Undefined below 2 values.
 */
export function oneSampleMeanTest(values: readonly number[], options: MeanTestOptions = {}): MeanTest | undefined {
  const alternative = options.alternative ?? 'two-sided';
  const level = options.level ?? 0.95;
  const nullValue = options.nullValue ?? 0;
  checkLevel(level);
  for (const value of values) {
    if (!Number.isFinite(value)) throw new RangeError(`Expected every value to be a finite number, got \`${value}\` (${typeof value})`);
  }
  const n = values.length;
  if (n < 2) return undefined;
  const df = n - 1;
  const alpha = 1 - level;
  const minimumSd = options.minimumSd ?? 0;
  if (!(minimumSd >= 0 && Number.isFinite(minimumSd))) throw new RangeError(`Expected \`minimumSd\` to be a finite number >= 0, got \`${minimumSd}\` (${typeof minimumSd})`);
  const first = values[0]!;
  if (minimumSd === 0 && values.every((value) => value === first)) {
    const onAlternativeSide = alternative === 'less' ? first < nullValue : alternative === 'greater' ? first > nullValue : first !== nullValue;
    const interval = { low: alternative === 'less' ? -Infinity : first, high: alternative === 'greater' ? Infinity : first };
    return { n, mean: first, sd: 0, sdUsed: 0, interval, pValue: onAlternativeSide ? 0 : 1, df };
  }
  let sum = 0;
  for (const value of values) sum += value;
  const rawMean = sum / n;
  const mean = Math.abs(rawMean) < 1e-12 ? 0 : rawMean;
  let squares = 0;
  for (const value of values) squares += (value - rawMean) ** 2;
  const sd = Math.sqrt(squares / df);
  const sdUsed = Math.max(sd, minimumSd);
  const standardError = sdUsed / Math.sqrt(n);
  const t = (mean - nullValue) / standardError;
  let pValue: number;
  let interval: Interval;
  if (alternative === 'two-sided') {
    const margin = tQuantile(1 - alpha / 2, df) * standardError;
    pValue = Math.min(1, 2 * tCdf(-Math.abs(t), df));
    interval = { low: mean - margin, high: mean + margin };
  } else {
    const margin = tQuantile(level, df) * standardError;
    pValue = alternative === 'less' ? tCdf(t, df) : tCdf(-t, df);
    interval = alternative === 'less' ? { low: -Infinity, high: mean + margin } : { low: mean - margin, high: Infinity };
  }
  return { n, mean, sd, sdUsed, interval, pValue: agreeingPValue(pValue, interval, nullValue, alpha), df };
}

// The p-value (from the t distribution's cdf) and the interval (from its quantile) are the same
// statistic, and disagree only when |t| equals the quantile to the last digits. There the
// interval, which is what a reader sees, decides: p is put on its side of alpha.
function agreeingPValue(pValue: number, interval: Interval, nullValue: number, alpha: number): number {
  const excludes = interval.low > nullValue || interval.high < nullValue;
  if (excludes === pValue < alpha) return pValue;
  return excludes ? alpha * (1 - 2 ** -52) : alpha;
}
