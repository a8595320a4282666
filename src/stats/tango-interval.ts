import type { Interval } from './proportion-interval.ts';

/** Paired counts as Tango writes them: n12 the pairs only the current run passed, n21 only the base. */
export type DiscordantCounts = { currentOnly: number; baselineOnly: number; pairs: number };

/**
 * Tango's (1998, Stat Med 17:891) score statistic for H0: p(current) − p(base) = δ, with the
 * share of pairs only the base passed (q21) at its maximum-likelihood value under H0:
 * Z(δ) = (n12 − n21 − nδ) / √(n(2q̂21 + δ(1 − δ))), q̂21 the non-negative root of
 * 2n·q² + (−n12 − n21 + (2n − n12 + n21)δ)·q − n21·δ(1 − δ) = 0.
 * At δ = 0 it is McNemar's (n12 − n21)/√(n12 + n21). Z falls as δ rises; where the variance is 0
 * (δ at ±1, or no discordant pair at δ = 0) it is ±∞ by the numerator's sign, 0 when that is 0.
 */
export function tangoScore(counts: DiscordantCounts, delta: number, continuity = 0): number {
  const { currentOnly: n12, baselineOnly: n21, pairs: n } = counts;
  const a = 2 * n;
  const b = -n12 - n21 + (2 * n - n12 + n21) * delta;
  const c = -n21 * delta * (1 - delta);
  const root = Math.sqrt(Math.max(0, b * b - 4 * a * c));
  // The conjugate form when b > 0 keeps the digits that √(b² − 4ac) − b would cancel.
  const q21 = b > 0 ? (-2 * c) / (b + root) : (root - b) / (2 * a);
  const variance = n * (2 * q21 + delta * (1 - delta));
  const raw = n12 - n21 - n * delta;
  // A continuity correction shrinks the numerator towards 0 by `continuity` pairs (as Yates' and
  // Edwards' corrections of McNemar's test do): the score test is then no longer anti-conservative
  // when few pairs disagree.
  const numerator = Math.sign(raw) * Math.max(0, Math.abs(raw) - continuity);
  if (Math.abs(numerator) < 1e-12 * n) return 0;
  if (!(variance > 0)) return numerator > 0 ? Infinity : -Infinity;
  return numerator / Math.sqrt(variance);
}

/**
 * {δ in [−1, 1] : −upperZ ≤ Z(δ) ≤ lowerZ}: each end found by bisection to 1e-12 between the
 * estimate (where Z = 0) and ±1. Pass Infinity for an open side (a one-sided interval).
 */
export function tangoInterval(counts: DiscordantCounts, lowerZ: number, upperZ: number, continuity = 0): Interval {
  const estimate = (counts.currentOnly - counts.baselineOnly) / counts.pairs;
  const low = lowerZ === Infinity ? -1 : bisect(estimate, -1, (delta) => tangoScore(counts, delta, continuity) <= lowerZ);
  const high = upperZ === Infinity ? 1 : bisect(estimate, 1, (delta) => tangoScore(counts, delta, continuity) >= -upperZ);
  return { low, high };
}

// The farthest δ from `inside` towards `end` that still satisfies `accepts` (which holds at `inside`).
function bisect(inside: number, end: number, accepts: (delta: number) => boolean): number {
  if (accepts(end)) return end;
  let outside = end;
  while (Math.abs(outside - inside) > 1e-12) {
    const middle = (inside + outside) / 2;
    if (accepts(middle)) inside = middle;
    else outside = middle;
  }
  return inside;
}
