import betaQuantile from '@stdlib/stats-base-dists-beta-quantile';
import type { Interval } from './proportion-interval.ts';

/**
 * P(X = k) for X ~ Binomial(n, p): 0 for a k outside 0..n or not an integer. Loader's saddle-point
 * form (the one R's dbinom uses), accurate to about 1e-14 relative even at n = 100,000, where the
 * binomial coefficient alone would overflow.
 */
export function binomialPmf(k: number, n: number, p: number): number {
  checkArguments(n, p);
  if (!(Number.isInteger(k) && k >= 0 && k <= n)) return 0;
  return density(k, n, p, 1 - p);
}

/** P(X ≤ k) for X ~ Binomial(n, p), summed from the smaller tail so that a small tail keeps its digits. */
export function binomialCdf(k: number, n: number, p: number): number {
  checkArguments(n, p);
  const x = Math.floor(k);
  if (x < 0) return 0;
  if (x >= n) return 1;
  if (p === 0) return 1;
  if (p === 1) return 0;
  return x <= n * p ? sumDownward(x, n, p) : 1 - sumUpward(x + 1, n, p);
}

/** P(X ≥ k) for X ~ Binomial(n, p), summed from the smaller tail. */
export function binomialSf(k: number, n: number, p: number): number {
  checkArguments(n, p);
  const x = Math.ceil(k);
  if (x <= 0) return 1;
  if (x > n) return 0;
  if (p === 0) return 0;
  if (p === 1) return 1;
  return x > n * p ? sumUpward(x, n, p) : 1 - sumDownward(x - 1, n, p);
}

/**
 * The p-value of `x` successes of n against a rate p, one tail: 'lower' is P(X ≤ x), 'upper' is
 * P(X ≥ x). The mid-p version counts half of P(X = x): less conservative, its size close to the
 * nominal level on average rather than at most it.
 */
export function binomialTail(x: number, n: number, p: number, side: 'lower' | 'upper', midP = false): number {
  const tail = side === 'lower' ? binomialCdf(x, n, p) : binomialSf(x, n, p);
  return midP ? Math.max(0, tail - 0.5 * binomialPmf(x, n, p)) : tail;
}

/**
 * The bound of the interval for a rate that inverts a one-sided binomial test at `tail`: the
 * 'upper' bound U has binomialTail(x, n, U, 'lower') = tail, the 'lower' bound L has
 * binomialTail(x, n, L, 'upper') = tail. Found by bisection to 1e-12 on the same tail sum that
 * gives the p-value, and the first point tried is `pivot` (the null rate): so "the interval
 * excludes the pivot" and "the p-value at the pivot is below `tail`" are the same comparison of
 * the same number, and rounding cannot make the interval and the test disagree.
 */
export function binomialBound(x: number, n: number, tail: number, side: 'upper' | 'lower', options: { midP?: boolean; pivot?: number } = {}): number {
  const midP = options.midP ?? false;
  const testedSide = side === 'upper' ? 'lower' : 'upper';
  const isInside = (rate: number): boolean => binomialTail(x, n, rate, testedSide, midP) >= tail;
  let inside = side === 'upper' ? 0 : 1;
  let outside = side === 'upper' ? 1 : 0;
  // All successes (upper) or none (lower): no rate on that side is rejected, the end is exact.
  if (isInside(outside)) return outside;
  const pivot = options.pivot ?? 0.5;
  if (pivot > 0 && pivot < 1) {
    if (isInside(pivot)) inside = pivot;
    else outside = pivot;
  }
  while (Math.abs(outside - inside) > 1e-12) {
    const middle = (inside + outside) / 2;
    if (isInside(middle)) inside = middle;
    else outside = middle;
  }
  // Strictly between: the pivot's side was settled by its own evaluation above.
  return (inside + outside) / 2;
}

/**
 * The equal-tailed Clopper–Pearson interval for a rate from `successes` of n: each tail
 * (1 − level)/2. The exact interval (beta quantiles) covers the rate with probability at least
 * `level`; the mid-p one (`midP`, by bisection) covers it about `level` on average and is
 * narrower. The ends are exact: 0 successes give low 0, n give high 1. n = 0 is a RangeError.
 */
export function clopperPearson(successes: number, n: number, level = 0.95, options: { midP?: boolean } = {}): Interval {
  checkCount(successes, n);
  if (n === 0) throw new RangeError('Expected `n` to be an integer >= 1, got `0` (number)');
  checkLevel(level);
  const tail = (1 - level) / 2;
  if (options.midP) {
    return { low: binomialBound(successes, n, tail, 'lower', { midP: true }), high: binomialBound(successes, n, tail, 'upper', { midP: true }) };
  }
  return {
    low: successes === 0 ? 0 : betaQuantile(tail, successes, n - successes + 1),
    high: successes === n ? 1 : betaQuantile(1 - tail, successes + 1, n - successes),
  };
}

/** Validates a count of successes of n trials: integers, 0 ≤ successes ≤ n. */
export function checkCount(successes: number, n: number): void {
  if (!(Number.isInteger(n) && n >= 0)) throw new RangeError(`Expected \`n\` to be an integer >= 0, got \`${n}\` (${typeof n})`);
  if (!(Number.isInteger(successes) && successes >= 0 && successes <= n)) {
    throw new RangeError(`Expected \`successes\` to be an integer from 0 to ${n}, got \`${successes}\` (${typeof successes})`);
  }
}

/** Validates a confidence level: strictly between 0 and 1. */
export function checkLevel(level: number, name = 'level'): void {
  if (!(level > 0 && level < 1)) throw new RangeError(`Expected \`${name}\` to be a number between 0 and 1, got \`${level}\` (${typeof level})`);
}

function checkArguments(n: number, p: number): void {
  if (!(Number.isInteger(n) && n >= 0)) throw new RangeError(`Expected \`n\` to be an integer >= 0, got \`${n}\` (${typeof n})`);
  if (!(p >= 0 && p <= 1)) throw new RangeError(`Expected \`p\` to be a probability from 0 to 1, got \`${p}\` (${typeof p})`);
}

// Σ P(X = i) for i = x, x − 1, …, 0, with x ≤ n·p: the terms fall as i falls, so the sum stops once
// they no longer change it. Each term comes from the previous by the ratio of consecutive pmfs.
function sumDownward(x: number, n: number, p: number): number {
  const q = 1 - p;
  let term = density(x, n, p, q);
  let sum = term;
  const odds = q / p;
  for (let i = x; i > 0 && term > sum * 1e-20; i--) {
    term *= (i / (n - i + 1)) * odds;
    sum += term;
  }
  return sum;
}

// Σ P(X = i) for i = x, x + 1, …, n, with x > n·p: the terms fall as i rises.
function sumUpward(x: number, n: number, p: number): number {
  const q = 1 - p;
  let term = density(x, n, p, q);
  let sum = term;
  const odds = p / q;
  for (let i = x; i < n && term > sum * 1e-20; i++) {
    term *= ((n - i) / (i + 1)) * odds;
    sum += term;
  }
  return sum;
}

const logTwoPi = Math.log(2 * Math.PI);

// Loader (2000), "Fast and accurate computation of binomial probabilities": the pmf as a product
// of Stirling-error corrections and deviance terms, none of which overflows or cancels badly.
function density(x: number, n: number, p: number, q: number): number {
  if (p === 0) return x === 0 ? 1 : 0;
  if (q === 0) return x === n ? 1 : 0;
  if (x === 0) return n === 0 ? 1 : Math.exp(n * Math.log1p(-p));
  if (x === n) return Math.exp(n * Math.log(p));
  const logCore = stirlingError(n) - stirlingError(x) - stirlingError(n - x) - deviance(x, n * p) - deviance(n - x, n * q);
  const logScale = logTwoPi + Math.log(x) + Math.log1p(-x / n);
  return Math.exp(logCore - 0.5 * logScale);
}

// log(k!) − ((k + ½)·log k − k + ½·log 2π), for integers k ≥ 1. Up to 15 from the exact
// factorial (15! is exact in a double), beyond from Stirling's series, whose first omitted
// term is below 1e-16 there.
const smallStirlingErrors = Array.from({ length: 16 }, (_, k) => {
  if (k === 0) return 0;
  let factorial = 1;
  for (let i = 2; i <= k; i++) factorial *= i;
  return Math.log(factorial) - (k + 0.5) * Math.log(k) + k - 0.5 * logTwoPi;
});

function stirlingError(k: number): number {
  if (k <= 15) return smallStirlingErrors[k]!;
  const inverseSquare = 1 / (k * k);
  const s0 = 1 / 12, s1 = 1 / 360, s2 = 1 / 1260, s3 = 1 / 1680, s4 = 1 / 1188;
  if (k > 500) return (s0 - s1 * inverseSquare) / k;
  if (k > 80) return (s0 - (s1 - s2 * inverseSquare) * inverseSquare) / k;
  if (k > 35) return (s0 - (s1 - (s2 - s3 * inverseSquare) * inverseSquare) * inverseSquare) / k;
  return (s0 - (s1 - (s2 - (s3 - s4 * inverseSquare) * inverseSquare) * inverseSquare) * inverseSquare) / k;
}

// x·log(x / m) + m − x, by its series when x is close to m (where the closed form cancels).
function deviance(x: number, m: number): number {
  if (Math.abs(x - m) < 0.1 * (x + m)) {
    let v = (x - m) / (x + m);
    let sum = (x - m) * v;
    let term = 2 * x * v;
    v *= v;
    for (let j = 1; j < 1000; j++) {
      term *= v;
      const next = sum + term / (2 * j + 1);
      if (next === sum) return next;
      sum = next;
    }
    return sum;
  }
  return x * Math.log(x / m) + m - x;
}
