import type { Interval } from './proportion-interval.ts';

/** P(X = k) for X ~ Binomial(n, p). */
export function binomialPmf(k: number, n: number, p: number): number {
  throw new Error('not implemented');
}

/** P(X ≤ k) for X ~ Binomial(n, p). */
export function binomialCdf(k: number, n: number, p: number): number {
  throw new Error('not implemented');
}

/** P(X ≥ k) for X ~ Binomial(n, p). */
export function binomialSf(k: number, n: number, p: number): number {
  throw new Error('not implemented');
}

/** The equal-tailed Clopper–Pearson interval (exact, or mid-p) for `successes / n`. */
export function clopperPearson(successes: number, n: number, level = 0.95, options: { midP?: boolean } = {}): Interval {
  throw new Error('not implemented');
}
