import { proportionInterval, type Interval } from './proportion-interval.ts';

/**
 * How two targets fared on the same cases: `both` passed, only the baseline (`onlyBaseline`),
 * only the other (`onlyOther`), `neither`.
 */
export type PairedCounts = { both: number; onlyBaseline: number; onlyOther: number; neither: number };

export type PairedDifference = {
  pairs: number;
  /** Other's pass rate minus the baseline's, over the same pairs. */
  difference: number;
  /** Newcombe's 95% interval for a difference of paired proportions (his method 10). */
  interval: Interval;
  /** Exact two-sided McNemar test: how surprising the split of the discordant pairs is. */
  pValue: number;
};

/**
 * The difference in pass rate between two targets answering the same cases, with the uncertainty
 * that pairing leaves. Pairing matters: two models that fail the same hard cases differ less than
 * their separate intervals suggest, and only the cases where they disagree carry evidence.
 * Undefined without pairs.
 */
export function pairedDifference(counts: PairedCounts): PairedDifference | undefined {
  const { both, onlyBaseline, onlyOther, neither } = counts;
  const pairs = both + onlyBaseline + onlyOther + neither;
  if (pairs === 0) return undefined;
  const baselinePassed = both + onlyBaseline;
  const otherPassed = both + onlyOther;
  const p1 = otherPassed / pairs;
  const p2 = baselinePassed / pairs;
  const [l1, u1, l2, u2] = [proportionInterval(otherPassed, pairs)!, proportionInterval(baselinePassed, pairs)!].flatMap((interval) => [interval.low, interval.high]) as [number, number, number, number];
  // The correlation of the two outcomes over the pairs, with Newcombe's continuity adjustment of a
  // positive one (it would otherwise make the interval too narrow); 0 when a margin is empty.
  const denominator = Math.sqrt((both + onlyOther) * (onlyBaseline + neither) * (both + onlyBaseline) * (onlyOther + neither));
  const crossProduct = both * neither - onlyOther * onlyBaseline;
  const adjusted = crossProduct > pairs / 2 ? crossProduct - pairs / 2 : Math.min(crossProduct, 0);
  const phi = denominator === 0 ? 0 : adjusted / denominator;
  const difference = p1 - p2;
  const below = Math.sqrt(Math.max(0, (p1 - l1) ** 2 - 2 * phi * (p1 - l1) * (u2 - p2) + (u2 - p2) ** 2));
  const above = Math.sqrt(Math.max(0, (u1 - p1) ** 2 - 2 * phi * (u1 - p1) * (p2 - l2) + (p2 - l2) ** 2));
  return {
    pairs,
    difference,
    interval: { low: Math.max(-1, difference - below), high: Math.min(1, difference + above) },
    pValue: exactMcNemar(onlyBaseline, onlyOther),
  };
}

/** Two-sided exact McNemar: the binomial test of b against b + c at one half. */
function exactMcNemar(b: number, c: number): number {
  const discordant = b + c;
  if (discordant === 0) return 1;
  const smaller = Math.min(b, c);
  // Σ C(n, i) / 2^n for i ≤ smaller, in logarithms so that a few thousand pairs do not overflow.
  let logChoose = 0;
  let tail = 0;
  for (let i = 0; i <= smaller; i++) {
    if (i > 0) logChoose += Math.log(discordant - i + 1) - Math.log(i);
    tail += Math.exp(logChoose - discordant * Math.LN2);
  }
  return Math.min(1, 2 * tail);
}
