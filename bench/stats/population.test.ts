import { describe, expect, it } from 'vitest';
import { locationFor, logistic, pairMoments, populationMean, shareSd } from './population.ts';
import { seededRandom } from './random.ts';
import { simulatePairs, simulateRun } from './simulate-cases.ts';

describe('the population the calibration draws from', () => {
  it('has a mean of one half at location 0 (logistic is symmetric) and more above it', () => {
    expect(populationMean(0)).toBeCloseTo(0.5, 12);
    expect(populationMean(1)).toBeGreaterThan(logistic(0.5));
    // Spread pulls the mean towards one half: E[logistic(1 + 1.5z)] < logistic(1).
    expect(populationMean(1)).toBeLessThan(logistic(1));
  });

  it('finds the location of a wanted mean', () => {
    for (const mean of [0.8, 0.85, 0.9]) expect(populationMean(locationFor(mean))).toBeCloseTo(mean, 10);
  });

  it('with independent sides (ρ 0) gives the discordant share m₁ + m₂ − 2·m₁·m₂ and the difference of means', () => {
    const baseLocation = locationFor(0.85);
    const currentLocation = locationFor(0.8);
    const moments = pairMoments({ baseLocation, currentLocation, correlation: 0 }, 1);
    expect(moments.discordantShare).toBeCloseTo(0.85 + 0.8 - 2 * 0.85 * 0.8, 10);
    expect(moments.difference).toBeCloseTo(-0.05, 10);
    // One repeat: each side's share is 0 or 1, Bernoulli(m), so Var(D) = m₁(1 − m₁) + m₂(1 − m₂) with ρ 0.
    expect(moments.differenceSd ** 2).toBeCloseTo(0.85 * 0.15 + 0.8 * 0.2, 10);
    expect(shareSd(baseLocation, 1) ** 2).toBeCloseTo(0.85 * 0.15, 10);
  });

  it('in A/A has no mean difference, and fewer discordant cases the more the sides correlate', () => {
    const location = locationFor(0.8);
    const shares = [0.3, 0.5, 0.7].map((correlation) => pairMoments({ baseLocation: location, currentLocation: location, correlation }, 1));
    for (const moments of shares) expect(moments.difference).toBeCloseTo(0, 12);
    expect(shares[0]!.discordantShare).toBeGreaterThan(shares[1]!.discordantShare);
    expect(shares[1]!.discordantShare).toBeGreaterThan(shares[2]!.discordantShare);
  });
});

describe('the simulated runs', () => {
  it('are the same for the same seed, and their pass share is near the population mean', () => {
    const location = locationFor(0.8);
    const first = simulateRun(seededRandom(7), location, { cases: 4000, repeats: 3 });
    const again = simulateRun(seededRandom(7), location, { cases: 4000, repeats: 3 });
    expect(again).toEqual(first);
    const passed = first.reduce((sum, outcome) => sum + outcome.passed, 0) / (4000 * 3);
    // 12,000 slots: the standard error of the share is below 0.6 points, so 2 points is > 3 of them.
    expect(Math.abs(passed - 0.8)).toBeLessThan(0.02);
    expect(first[0]).toMatchObject({ slots: 3, unscored: 0, costUsd: undefined });
  });

  it('counts an unanswered request as a failed, unscored-free repeat', () => {
    const pairs = simulatePairs(seededRandom(3), { baseLocation: 5, currentLocation: 5, correlation: 0.5 }, { cases: 2000, repeats: 1, unanswered: 0.25 });
    const unanswered = pairs.filter((pair) => pair.base.answered === 0);
    expect(unanswered.length / 2000).toBeGreaterThan(0.2);
    expect(unanswered.length / 2000).toBeLessThan(0.3);
    for (const pair of unanswered) expect(pair.base).toMatchObject({ slots: 1, answered: 0, scored: 0, passed: 0, verdicts: [false] });
  });
});
