import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import { exactPairedPower } from '../gate-power.ts';

export type DropPowerInput = {
  /** The drop the gate allows, as a fraction (5 points: 0.05). */
  allowed: number;
  /** How much further the drop is when power is stated (0.05: a drop of allowed + 5 points). */
  margin: number;
  /** The share of cases that passed on one side only, as observed. */
  discordantShare: number;
  /** One-sided. */
  alpha: number;
  /** The gate's McNemar test is mid-p rather than exact (counts only with no drop allowed). */
  midP?: boolean;
};

/** Past this many pairs exact power is not summed: Connor's approximation is close there. */
const largestExactPairs = 10_000;

/**
 * The variances of the paired difference under the gate's boundary (a drop of exactly `allowed`)
 * and under the bad case (a drop of allowed + margin). The discordant share is at least the bad
 * drop: a drop of 10 points needs at least 10% of cases to change sides.
 */
function variances(input: DropPowerInput): { atBoundary: number; atBad: number } {
  const bad = input.allowed + input.margin;
  const share = Math.max(input.discordantShare, bad);
  return { atBoundary: share - input.allowed ** 2, atBad: share - bad ** 2 };
}

/**
 * The power of the one-sided McNemar drop gate with n paired cases: the chance that it fails a
 * change whose true drop is `allowed + margin`.
 * - No drop allowed (`drop <= 0`): the gate is McNemar's exact (or mid-p) test, so this is its
 *   exact power, exactPairedPower, summed over the number of discordant cases (up to 10,000 pairs).
 *   Connor's approximation assumes a test as sharp as the normal one and promised 80% where the
 *   exact test got 77.4–78.4% (calibration.md, before this sizing).
 * - A drop allowed: the gate decides on Tango's score bound at the allowed drop, whose exact power
 *   would need that bound at every split of every discordant count. Connor's (1987) normal
 *   approximation with its null moved from no change to the allowed drop stands in:
 *   Φ((m√n − z₁₋α·√(ψ − δ₀²)) / √(ψ − δ₁²)), with δ₀ the allowed drop, δ₁ the bad one and m their
 *   distance; calibration §4 measures it at 78.8–81.6%.
 */
export function pairedDropPower(n: number, input: DropPowerInput): number {
  if (usesExactPower(n, input)) return exactPairedPower(n, Math.min(1, Math.max(input.discordantShare, input.margin)), input.margin, { alpha: input.alpha, sided: 1, midP: input.midP });
  return approximatePower(n, input);
}

/**
 * The paired cases for `power` (default 0.8). Connor's n under the approximation; with no drop
 * allowed, the first n whose exact power reaches `power`, searched from Connor's n (galloping to
 * a bracket, bisecting, then stepping down past any n just below that also reaches it). Exact
 * power is saw-toothed in n, but with the discordant count itself random its dips are at a few
 * dozen pairs, far below 80%; from this n on it rises by about 0.05 points per pair (at 650
 * pairs), so the first n reaching 80% is also, in practice, the first that stays above it.
 */
export function pairedDropSampleSize(input: DropPowerInput, power = 0.8): number | undefined {
  if (!(input.margin > 0)) return undefined;
  const { atBoundary, atBad } = variances(input);
  const root = normalQuantile(1 - input.alpha, 0, 1) * Math.sqrt(atBoundary) + normalQuantile(power, 0, 1) * Math.sqrt(Math.max(0, atBad));
  const approximate = Math.max(1, Math.ceil((root / input.margin) ** 2));
  if (!usesExactPower(approximate, input)) return approximate;
  const reaches = (n: number) => pairedDropPower(n, input) >= power;
  let low = approximate;
  let high = approximate;
  if (reaches(approximate)) {
    // Connor's n is enough (mid-p can be sharper than the normal test): look below it.
    for (let step = 1; low > 1 && reaches(low); step *= 2) low = Math.max(1, approximate - step);
    if (reaches(low)) return low;
  } else {
    for (let step = 1; !reaches(high); step *= 2) {
      low = high;
      // Past 10,000 pairs the approximation answers, and it reaches by then: the loop ends.
      high = approximate + step;
    }
  }
  // reaches(low) is false and reaches(high) true.
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (reaches(middle)) high = middle;
    else low = middle;
  }
  while (high > 1 && reaches(high - 1)) high--;
  return high;
}

const usesExactPower = (n: number, input: DropPowerInput): boolean => input.allowed === 0 && n <= largestExactPairs;

function approximatePower(n: number, input: DropPowerInput): number {
  const { atBoundary, atBad } = variances(input);
  if (atBad <= 0) return 1;
  return normalCdf((input.margin * Math.sqrt(n) - normalQuantile(1 - input.alpha, 0, 1) * Math.sqrt(atBoundary)) / Math.sqrt(atBad), 0, 1);
}
