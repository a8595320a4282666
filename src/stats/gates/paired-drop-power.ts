import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';

export type DropPowerInput = {
  /** The drop the gate allows, as a fraction (5 points: 0.05). */
  allowed: number;
  /** How much further the drop is when power is stated (0.05: a drop of allowed + 5 points). */
  margin: number;
  /** The share of cases that passed on one side only, as observed. */
  discordantShare: number;
  /** One-sided. */
  alpha: number;
};

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
 * change whose true drop is `allowed + margin`. Connor's (1987) normal approximation, with its
 * null moved from no change to the allowed drop: Φ((m√n − z₁₋α·√(ψ − δ₀²)) / √(ψ − δ₁²)), with
 * δ₀ the allowed drop, δ₁ the bad one and m their distance. With `allowed` 0 it is Connor's own.
 */
export function pairedDropPower(n: number, input: DropPowerInput): number {
  const { atBoundary, atBad } = variances(input);
  if (atBad <= 0) return 1;
  return normalCdf((input.margin * Math.sqrt(n) - normalQuantile(1 - input.alpha, 0, 1) * Math.sqrt(atBoundary)) / Math.sqrt(atBad), 0, 1);
}

/** The paired cases for `power` (default 0.8) under the same approximation: n = ((z₁₋α√(ψ−δ₀²) + z_power√(ψ−δ₁²)) / m)². */
export function pairedDropSampleSize(input: DropPowerInput, power = 0.8): number | undefined {
  if (!(input.margin > 0)) return undefined;
  const { atBoundary, atBad } = variances(input);
  const root = normalQuantile(1 - input.alpha, 0, 1) * Math.sqrt(atBoundary) + normalQuantile(power, 0, 1) * Math.sqrt(Math.max(0, atBad));
  return Math.max(1, Math.ceil((root / input.margin) ** 2));
}
