import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import { binomialCdf, binomialPmf, binomialSf, binomialTail, checkLevel } from './binomial.ts';
import { criticalCount, rejectionProbability, resolveOptions, type ProportionTestOptions } from './one-sample-proportion-test.ts';

const largestSampleSize = 100_000;

type PairedOptions = { alpha?: number; power?: number; sided?: 1 | 2 };

/**
 * How often the absolute gate (oneSampleProportionTest, same options) fails with n cases when the
 * true rate is `badRate`: exact, the binomial probability of the rejection region.
 */
export function proportionTestPower(n: number, threshold: number, badRate: number, options: ProportionTestOptions = {}): number {
  checkRate(badRate, 'badRate');
  const { direction } = resolveOptions(threshold, options);
  return rejectionProbability(n, criticalCount(n, threshold, options), badRate, direction);
}

/**
 * The fewest cases with which the absolute gate catches a true rate of `badRate` with probability
 * at least `power` (default 0.8). Exact power is a sawtooth in n (counts are whole), so a few
 * larger n can fall just short again. Undefined when `badRate` is not on the failing side of the
 * threshold, or more than 100,000 cases would be needed.
 */
export function proportionSampleSize(threshold: number, badRate: number, options: ProportionTestOptions & { power?: number } = {}): number | undefined {
  checkRate(badRate, 'badRate');
  const { direction, alpha, midP } = resolveOptions(threshold, options);
  const power = options.power ?? 0.8;
  checkLevel(power, 'power');
  const atLeast = direction === 'at-least';
  if (atLeast ? badRate >= threshold : badRate <= threshold) return undefined;
  // Beyond twice the normal approximation's n, the exact n is out of reach too: do not scan.
  const spread = normalQuantile(1 - alpha, 0, 1) * Math.sqrt(threshold * (1 - threshold)) + normalQuantile(power, 0, 1) * Math.sqrt(badRate * (1 - badRate));
  if ((spread / (threshold - badRate)) ** 2 > 2 * largestSampleSize) return undefined;
  // One more case moves the rejection region's end by at most one count, the same way for every
  // n, so it is followed rather than searched for each n.
  let critical = atLeast ? -1 : 1;
  for (let n = 1; n <= largestSampleSize; n++) {
    if (atLeast) {
      if (binomialTail(critical + 1, n, threshold, 'lower', midP) < alpha) critical++;
    } else if (!(binomialTail(critical, n, threshold, 'upper', midP) < alpha)) {
      critical++;
    }
    if (rejectionProbability(n, critical, badRate, direction) >= power) return n;
  }
  return undefined;
}

/**
 * The pairs McNemar's one-sided (or two-sided) test needs to detect a true difference in pass
 * rate `difference` with probability `power` (default 0.8), when a share `discordantShare` of the
 * cases pass on one side only: Connor's (1987) normal approximation,
 * n = (zα·√ψ + zβ·√(ψ − δ²))² / δ². Undefined for no difference, or one larger than the
 * discordant share (impossible).
 */
export function pairedSampleSize(discordantShare: number, difference: number, options: PairedOptions = {}): number | undefined {
  const { alpha, power, sided } = resolvePaired(options);
  checkShare(discordantShare);
  const size = Math.abs(difference);
  if (size === 0 || size > discordantShare) return undefined;
  const root = normalQuantile(1 - alpha / sided, 0, 1) * Math.sqrt(discordantShare) + normalQuantile(power, 0, 1) * Math.sqrt(discordantShare - size * size);
  return Math.ceil((root * root) / (size * size));
}

/** The probability that McNemar's test detects a true difference with n pairs (Connor 1987). */
export function pairedPower(n: number, discordantShare: number, difference: number, options: Omit<PairedOptions, 'power'> = {}): number {
  const { alpha, sided } = resolvePaired(options);
  checkShare(discordantShare);
  const size = Math.abs(difference);
  if (size > discordantShare) throw new RangeError(`Expected \`difference\` to be at most the discordant share ${discordantShare} in size, got \`${difference}\` (number)`);
  const signal = size * Math.sqrt(n) - normalQuantile(1 - alpha / sided, 0, 1) * Math.sqrt(discordantShare);
  const noise = Math.sqrt(discordantShare - size * size);
  if (noise === 0) return signal > 0 ? 1 : 0;
  return normalCdf(signal / noise, 0, 1);
}

/**
 * The smallest difference in pass rate that n pairs detect with probability `power` (default
 * 0.8) when a share ψ of them is discordant: Connor's formula solved for δ,
 * δ = √ψ·(zα·√n + zβ·√(n + zβ² − zα²)) / (n + zβ²). Undefined when even δ = ψ (every discordant
 * case on one side) is out of reach.
 */
export function minimumDetectableDifference(n: number, discordantShare: number, options: PairedOptions = {}): number | undefined {
  const { alpha, power, sided } = resolvePaired(options);
  checkShare(discordantShare);
  const zAlpha = normalQuantile(1 - alpha / sided, 0, 1);
  const zBeta = normalQuantile(power, 0, 1);
  const radicand = n + zBeta * zBeta - zAlpha * zAlpha;
  if (!(n > 0) || radicand < 0) return undefined;
  const difference = (Math.sqrt(discordantShare) * (zAlpha * Math.sqrt(n) + zBeta * Math.sqrt(radicand))) / (n + zBeta * zBeta);
  return difference <= discordantShare ? difference : undefined;
}

/** Past this many pairs the exact power is not summed: Connor's approximation is close there. */
const largestExactPairs = 10_000;

/**
 * The exact probability that McNemar's exact (or mid-p) test rejects at α with n pairs, when a
 * share ψ of them is discordant and the pass rate truly moved by `difference`: the sum over the
 * discordant count d ~ Binomial(n, ψ) of the chance that the current run's share of them,
 * Binomial(d, (ψ + δ)/2ψ), falls in the test's rejection region for that d. Terms of d whose
 * probability is below 1e-14 are skipped.
 */
export function exactPairedPower(n: number, discordantShare: number, difference: number, options: Omit<PairedOptions, 'power'> & { midP?: boolean } = {}): number {
  const { alpha, sided } = resolvePaired(options);
  checkShare(discordantShare);
  const size = Math.abs(difference);
  if (size > discordantShare + 1e-12) throw new RangeError(`Expected \`difference\` to be at most the discordant share ${discordantShare} in size, got \`${difference}\` (number)`);
  const won = Math.min(1, (discordantShare + size) / (2 * discordantShare));
  const critical = criticalWins(n, alpha / sided, options.midP ?? false);
  let power = 0;
  for (let discordant = 1; discordant <= n; discordant++) {
    const weight = binomialPmf(discordant, n, discordantShare);
    const fewest = critical[discordant]!;
    if (weight < 1e-14 || fewest > discordant) continue;
    const rejects = binomialSf(fewest, discordant, won) + (sided === 2 ? binomialCdf(discordant - fewest, discordant, won) : 0);
    power += weight * Math.min(1, rejects);
  }
  return Math.min(1, power);
}

/** McNemar's critical counts by (tail, mid-p): the same for every n, so kept across calls. */
const criticalCounts = new Map<string, number[]>();

/**
 * For each number of discordant cases d up to n, the fewest wins of d that the one-sided exact
 * (or mid-p) test rejects at `tail` (d + 1 when none does). The count grows by at most one with
 * each d, so it is followed rather than searched, and computed once: the sample size searches of
 * the drop gate ask for the power at a dozen n of the same test.
 */
function criticalWins(n: number, tail: number, midP: boolean): readonly number[] {
  const key = `${tail}|${midP}`;
  const counts = criticalCounts.get(key) ?? [0];
  criticalCounts.set(key, counts);
  for (let discordant = counts.length; discordant <= n; discordant++) {
    let critical = Math.max(1, counts[discordant - 1]!);
    while (critical <= discordant && !(binomialTail(critical, discordant, 0.5, 'upper', midP) < tail)) critical++;
    counts.push(critical);
  }
  return counts;
}

/**
 * The smallest change in pass rate that n pairs detect with probability `power` (default 0.8) by
 * the test the comparison uses (exact or mid-p McNemar, exact power summed up to 10,000 pairs,
 * Connor's approximation past that). A change δ needs at least |δ| of the cases discordant, so the
 * share is max(observed, δ), and the answer exists whenever some change up to 1 could be seen.
 * Undefined when not even every case flipping would be (n below 4 or so at α = 0.05).
 */
export function minimumDetectableChange(n: number, observedShare: number, options: PairedOptions & { midP?: boolean } = {}): number | undefined {
  const { alpha, power, sided } = resolvePaired(options);
  if (!(Number.isInteger(n) && n >= 1)) return undefined;
  const exact = n <= largestExactPairs;
  const powerAt = (size: number): number => {
    const share = Math.min(1, Math.max(observedShare, size));
    return exact ? exactPairedPower(n, share, size, { alpha, sided, midP: options.midP }) : pairedPower(n, share, size, { alpha, sided });
  };
  if (powerAt(1) < power) return undefined;
  let low = 0;
  let high = 1;
  // To a hundredth of a point: the figure is shown to a tenth.
  while (high - low > 1e-4) {
    const middle = (low + high) / 2;
    if (powerAt(middle) >= power) high = middle;
    else low = middle;
  }
  return high;
}

/**
 * The smallest mean per-case difference a t-test on n cases detects with probability `power`
 * (default 0.8), when the differences have standard deviation `sd`:
 * (t(1 − α/sided) + t(power)) · sd / √n with n − 1 degrees of freedom. Undefined below 2 cases.
 */
export function minimumDetectableMean(n: number, sd: number, options: PairedOptions = {}): number | undefined {
  const { alpha, power, sided } = resolvePaired(options);
  if (!(sd >= 0 && Number.isFinite(sd))) throw new RangeError(`Expected \`sd\` to be a finite number >= 0, got \`${sd}\` (${typeof sd})`);
  if (!(Number.isInteger(n) && n >= 2)) return undefined;
  return ((tQuantile(1 - alpha / sided, n - 1) + tQuantile(power, n - 1)) * sd) / Math.sqrt(n);
}

function resolvePaired(options: PairedOptions): { alpha: number; power: number; sided: 1 | 2 } {
  const alpha = options.alpha ?? 0.05;
  const power = options.power ?? 0.8;
  const sided = options.sided ?? 1;
  checkLevel(alpha, 'alpha');
  checkLevel(power, 'power');
  if (sided !== 1 && sided !== 2) throw new RangeError(`Expected \`sided\` to be 1 or 2, got \`${String(sided)}\` (${typeof sided})`);
  return { alpha, power, sided };
}

function checkShare(share: number): void {
  if (!(share > 0 && share <= 1)) throw new RangeError(`Expected \`discordantShare\` to be a share above 0 and at most 1, got \`${share}\` (${typeof share})`);
}

function checkRate(rate: number, name: string): void {
  if (!(rate >= 0 && rate <= 1)) throw new RangeError(`Expected \`${name}\` to be a rate from 0 to 1, got \`${rate}\` (${typeof rate})`);
}
