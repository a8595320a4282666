import { binomialBound, binomialCdf, binomialSf, binomialTail, checkCount, checkLevel } from './binomial.ts';

export type ProportionTest = {
  successes: number;
  n: number;
  /** successes / n. */
  estimate: number;
  /** The one-sided bound on the rate at 1 − alpha: upper for 'at-least', lower for 'at-most'. */
  bound: number;
  /** Of H0 (the rate meets the threshold), one-sided. */
  pValue: number;
  /** The probability of failing the gate when the true rate is exactly the threshold. */
  achievedAlpha: number;
};

/**
 * 'at-least': the gate asks for a rate of at least the threshold (pass_rate >= 0.9);
 * 'at-most': of at most it (error_rate <= 0.05).
 */
export type ProportionDirection = 'at-least' | 'at-most';

export type ProportionTestOptions = { direction?: ProportionDirection; alpha?: number; midP?: boolean };

/**
 * The absolute gate with one repeat per case: is there evidence that the rate misses the
 * threshold? H0 is that it meets it ('at-least': rate ≥ threshold), and the gate fails only when
 * the one-sided exact binomial test rejects H0 at `alpha` (default 0.05): the rate's upper
 * Clopper–Pearson bound at 1 − alpha is below the threshold, equivalently
 * pValue = P(X ≤ successes | rate = threshold) < alpha. So a model whose true rate is the
 * threshold fails at most alpha of the time (exactly `achievedAlpha`, less because counts are
 * whole), instead of about half the time as with "observed rate < threshold". 'at-most' mirrors
 * it. Mid-p (`midP`) counts half of P(X = successes): its achieved alpha may exceed alpha.
 */
export function oneSampleProportionTest(successes: number, n: number, threshold: number, options: ProportionTestOptions = {}): ProportionTest {
  checkCount(successes, n);
  if (n === 0) throw new RangeError('Expected `n` to be an integer >= 1, got `0` (number)');
  const { direction, alpha, midP } = resolveOptions(threshold, options);
  const atLeast = direction === 'at-least';
  const pValue = binomialTail(successes, n, threshold, atLeast ? 'lower' : 'upper', midP);
  // The bisection tries the threshold first, with the same tail as pValue: bound and p agree.
  const bound = binomialBound(successes, n, alpha, atLeast ? 'upper' : 'lower', { midP, pivot: threshold });
  const achievedAlpha = rejectionProbability(n, criticalCount(n, threshold, options), threshold, direction);
  return { successes, n, estimate: successes / n, bound, pValue, achievedAlpha };
}

/**
 * Where the gate's rejection region of n cases ends. 'at-least': the largest count of successes
 * that fails the gate (−1 when none does); 'at-most': the smallest (n + 1 when none does).
 */
export function criticalCount(n: number, threshold: number, options: ProportionTestOptions = {}): number {
  const { direction, alpha, midP } = resolveOptions(threshold, options);
  const side = direction === 'at-least' ? 'lower' : 'upper';
  const rejects = (count: number): boolean => binomialTail(count, n, threshold, side, midP) < alpha;
  // The lower tail grows with the count, so the counts that reject are 0..critical ('at-least')
  // or critical..n ('at-most'): a binary search over the same comparison the test makes.
  let rejecting = direction === 'at-least' ? -1 : n + 1;
  let accepting = direction === 'at-least' ? n + 1 : -1;
  while (Math.abs(accepting - rejecting) > 1) {
    const middle = Math.floor((rejecting + accepting) / 2);
    if (rejects(middle)) rejecting = middle;
    else accepting = middle;
  }
  return rejecting;
}

/** The probability that the gate fails with n cases when the true rate is `rate`. */
export function rejectionProbability(n: number, critical: number, rate: number, direction: ProportionDirection): number {
  return direction === 'at-least' ? binomialCdf(critical, n, rate) : binomialSf(critical, n, rate);
}

/** The options with their defaults, validated. */
export function resolveOptions(threshold: number, options: ProportionTestOptions): Required<ProportionTestOptions> {
  if (!(threshold >= 0 && threshold <= 1)) throw new RangeError(`Expected \`threshold\` to be a rate from 0 to 1, got \`${threshold}\` (${typeof threshold})`);
  const alpha = options.alpha ?? 0.05;
  checkLevel(alpha, 'alpha');
  return { direction: options.direction ?? 'at-least', alpha, midP: options.midP ?? false };
}
