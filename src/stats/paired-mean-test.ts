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
  /** On the mean, at `level`; one-sided, the open side is −Infinity or Infinity. */
  interval: Interval;
  /** Of H0: mean = nullValue, against the alternative. */
  pValue: number;
  df: number;
};

export type MeanTestOptions = { alternative?: Alternative; level?: number; nullValue?: number };

/**
 * Did the pass rate change, with several repeats per case? Student's paired t-test on the
 * per-case differences (the current run's pass share of the case minus the baseline's, each in
 * −1..1): the case is the unit, its repeats only make its difference less noisy. The alternative
 * is about the mean difference: 'less' = got worse. The interval is the t interval from the same
 * statistic, so "excludes nullValue" and "pValue < 1 − level" agree. Undefined below 2 cases.
 */
export function pairedMeanTest(differences: readonly number[], options: MeanTestOptions = {}): MeanTest | undefined {
  return oneSampleMeanTest(differences, options);
}

/**
 * Is the mean of these values different from `nullValue` (default 0)? Student's one-sample t-test
 * with its matching interval. With repeats, the absolute gate passes the per-case pass shares
 * with nullValue = the threshold and alternative 'less'. When every value is the same (sd = 0)
 * there is no noise to weigh: the interval is that value, and p is 0 if it lies on the
 * alternative's side of nullValue, 1 otherwise. Undefined below 2 values.
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
  const first = values[0]!;
  if (values.every((value) => value === first)) {
    const onAlternativeSide = alternative === 'less' ? first < nullValue : alternative === 'greater' ? first > nullValue : first !== nullValue;
    const interval = { low: alternative === 'less' ? -Infinity : first, high: alternative === 'greater' ? Infinity : first };
    return { n, mean: first, sd: 0, interval, pValue: onAlternativeSide ? 0 : 1, df };
  }
  let sum = 0;
  for (const value of values) sum += value;
  const mean = sum / n;
  let squares = 0;
  for (const value of values) squares += (value - mean) ** 2;
  const sd = Math.sqrt(squares / df);
  const standardError = sd / Math.sqrt(n);
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
  return { n, mean, sd, interval, pValue: agreeingPValue(pValue, interval, nullValue, alpha), df };
}

// The p-value (from the t distribution's cdf) and the interval (from its quantile) are the same
// statistic, and disagree only when |t| equals the quantile to the last digits. There the
// interval, which is what a reader sees, decides: p is put on its side of alpha.
function agreeingPValue(pValue: number, interval: Interval, nullValue: number, alpha: number): number {
  const excludes = interval.low > nullValue || interval.high < nullValue;
  if (excludes === pValue < alpha) return pValue;
  return excludes ? alpha * (1 - 2 ** -52) : alpha;
}
