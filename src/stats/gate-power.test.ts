import { describe, expect, it } from 'vitest';
import { exactPairedPower, minimumDetectableChange, minimumDetectableDifference, minimumDetectableMean, pairedPower, pairedSampleSize, proportionSampleSize, proportionTestPower } from './gate-power.ts';
import { criticalCount, rejectionProbability } from './one-sample-proportion-test.ts';
import { exactBinomialTail, toNumber } from './test/exact-binomial.ts';

describe('proportionTestPower', () => {
  it('is the exact probability of the rejection region at the bad rate', () => {
    // 13 cases against 0.9: the gate fails at 9 passes or fewer.
    expect(proportionTestPower(13, 0.9, 0.7)).toBeCloseTo(toNumber(exactBinomialTail(9, 13, 7, 10, 'lower')), 13);
    // A prompt that truly passes 92% fails the gate rarely (the observed-rate gate failed it 28% of the time).
    expect(proportionTestPower(13, 0.9, 0.92)).toBeCloseTo(toNumber(exactBinomialTail(9, 13, 92, 100, 'lower')), 13);
    expect(proportionTestPower(13, 0.9, 0.92)).toBeLessThan(0.02);
    // 'at-most' 0.1 with bad rate 0.3 is the same test seen from the failures.
    expect(proportionTestPower(13, 0.1, 0.3, { direction: 'at-most' })).toBeCloseTo(proportionTestPower(13, 0.9, 0.7), 13);
  });

  it('is the achieved alpha at the threshold itself', () => {
    expect(proportionTestPower(50, 0.8, 0.8)).toBeLessThanOrEqual(0.05);
    expect(proportionTestPower(50, 0.8, 0.8)).toBeCloseTo(toNumber(exactBinomialTail(criticalCount(50, 0.8), 50, 4, 5, 'lower')), 13);
  });
});

describe('proportionSampleSize', () => {
  it('is the smallest n whose exact power reaches the target', () => {
    for (const [threshold, badRate, direction] of [[0.9, 0.8, 'at-least'], [0.8, 0.6, 'at-least'], [0.05, 0.15, 'at-most']] as const) {
      for (const midP of [false, true]) {
        const n = proportionSampleSize(threshold, badRate, { direction, midP })!;
        expect(n).toBeGreaterThan(5);
        // The incremental scan agrees with the region searched afresh for each n.
        const power = (size: number) => rejectionProbability(size, criticalCount(size, threshold, { direction, midP }), badRate, direction);
        expect(power(n)).toBeGreaterThanOrEqual(0.8);
        for (let smaller = 1; smaller < n; smaller++) expect(power(smaller), `n=${smaller}`).toBeLessThan(0.8);
      }
    }
  });

  it('gives the sizes a brute-force search with SciPy gives', () => {
    // Smallest n with binom.cdf(k*, n, bad) >= 0.8, k* the largest k with binom.cdf(k, n, threshold) < 0.05.
    expect(proportionSampleSize(0.9, 0.8)).toBe(78);
    expect(proportionSampleSize(0.9, 0.85)).toBe(270);
    expect(proportionSampleSize(0.8, 0.75)).toBe(433);
    expect(proportionSampleSize(0.95, 0.85)).toBe(52);
    expect(proportionSampleSize(0.9, 0.8, { power: 0.9 })).toBeGreaterThan(78);
  });

  it('is undefined for a bad rate on the passing side or out of reach', () => {
    expect(proportionSampleSize(0.9, 0.95)).toBeUndefined();
    expect(proportionSampleSize(0.9, 0.9)).toBeUndefined();
    expect(proportionSampleSize(0.1, 0.05, { direction: 'at-most' })).toBeUndefined();
    expect(proportionSampleSize(0.9, 0.8999)).toBeUndefined();
  });
});

describe('pairedSampleSize and pairedPower', () => {
  it("gives Connor's example: 17.7% discordant, a 5-point difference, 436 pairs", () => {
    expect(pairedSampleSize(0.177, 0.05)).toBe(436);
    expect(pairedSampleSize(0.177, -0.05)).toBe(436);
    expect(pairedPower(436, 0.177, 0.05)).toBeGreaterThanOrEqual(0.8);
    expect(pairedPower(435, 0.177, 0.05)).toBeLessThan(0.8);
    expect(pairedSampleSize(0.177, 0.05, { sided: 2 })).toBeGreaterThan(436);
  });

  it('has power alpha at no difference and rising with n', () => {
    expect(pairedPower(100, 0.2, 0)).toBeCloseTo(0.05, 12);
    expect(pairedPower(400, 0.2, 0.05)).toBeGreaterThan(pairedPower(200, 0.2, 0.05));
    // Every case discordant and all on one side: no noise left, the power is 0 or 1.
    expect(pairedPower(10, 1, 1)).toBe(1);
    expect(pairedPower(1, 1, 1)).toBe(0);
  });

  it('is undefined or refused for impossible differences', () => {
    expect(pairedSampleSize(0.1, 0)).toBeUndefined();
    expect(pairedSampleSize(0.1, 0.2)).toBeUndefined();
    expect(() => pairedPower(100, 0.1, 0.2)).toThrow(RangeError);
    expect(() => pairedSampleSize(0, 0.1)).toThrow('Expected `discordantShare` to be a share above 0 and at most 1, got `0` (number)');
  });
});

describe('minimumDetectableDifference', () => {
  it('inverts pairedPower exactly', () => {
    for (const [n, share] of [[436, 0.177], [60, 0.3], [1000, 0.05]] as const) {
      for (const sided of [1, 2] as const) {
        const difference = minimumDetectableDifference(n, share, { sided })!;
        expect(pairedPower(n, share, difference, { sided })).toBeCloseTo(0.8, 10);
      }
    }
    expect(minimumDetectableDifference(436, 0.177)).toBeCloseTo(0.05, 3);
  });

  it('is undefined when even every discordant case on one side would go unseen', () => {
    expect(minimumDetectableDifference(5, 0.05)).toBeUndefined();
  });
});

describe('minimumDetectableMean', () => {
  it('is (t(0.95) + t(0.8)) · sd / √n with n − 1 degrees of freedom', () => {
    // t(0.95, 9) = 1.833113, t(0.80, 9) = 0.883404 (SciPy's t.ppf).
    expect(minimumDetectableMean(10, 1)).toBeCloseTo((1.833113 + 0.883404) / Math.sqrt(10), 5);
    expect(minimumDetectableMean(10, 0.5)).toBeCloseTo(minimumDetectableMean(10, 1)! / 2, 12);
    expect(minimumDetectableMean(10, 1, { sided: 2 })).toBeGreaterThan(minimumDetectableMean(10, 1)!);
    expect(minimumDetectableMean(1, 1)).toBeUndefined();
  });
});

describe('exactPairedPower and minimumDetectableChange', () => {
  it('sums the exact test’s power as a brute-force walk over every 2x2 table of 14 pairs does', () => {
    // P(b lost, c gained) = 14!/(b! c! (14−b−c)!)·p21^b·p12^c·(1 − ψ)^(14−b−c); the test rejects by exact binomial sums.
    const n = 14;
    const factorial = (k: number): number => (k <= 1 ? 1 : k * factorial(k - 1));
    for (const [share, difference, midP] of [[0.3, 0.2, false], [0.5, 0.1, true], [0.2, 0.2, false]] as const) {
      const gained = (share + difference) / 2;
      const lost = (share - difference) / 2;
      let power = 0;
      for (let b = 0; b <= n; b++) {
        for (let c = 0; b + c <= n; c++) {
          const probability = (factorial(n) / (factorial(b) * factorial(c) * factorial(n - b - c))) * lost ** b * gained ** c * (1 - share) ** (n - b - c);
          const d = b + c;
          if (d === 0) continue;
          const lower = toNumber(exactBinomialTail(c, d, 1, 2, 'lower')) - (midP ? toNumber(exactBinomialTail(c, d, 1, 2, 'lower')) - toNumber(exactBinomialTail(c - 1, d, 1, 2, 'lower')) : 0) / 2;
          const upper = toNumber(exactBinomialTail(c, d, 1, 2, 'upper')) - (midP ? toNumber(exactBinomialTail(c, d, 1, 2, 'upper')) - toNumber(exactBinomialTail(c + 1, d, 1, 2, 'upper')) : 0) / 2;
          if (Math.min(lower, upper) < 0.025) power += probability;
        }
      }
      expect(exactPairedPower(n, share, difference, { sided: 2, midP })).toBeCloseTo(power, 12);
    }
  });

  it('gives the change whose exact power is 80%, the share growing with the change, and nothing only for tiny n', () => {
    for (const [n, share] of [[100, 0.2], [300, 0.1], [30, 0.2], [13, 0]] as const) {
      const change = minimumDetectableChange(n, share, { sided: 2 })!;
      const power = (size: number) => exactPairedPower(n, Math.max(share, size), size, { sided: 2 });
      expect(power(change), `n=${n}`).toBeGreaterThanOrEqual(0.8);
      expect(power(change - 0.001), `n=${n}`).toBeLessThan(0.8);
    }
    // Connor's normal formula promised 80% at 12.4 points for n = 100 and 20% discordant; the exact test needs more.
    expect(minimumDetectableChange(100, 0.2, { sided: 2 })!).toBeGreaterThan(minimumDetectableDifference(100, 0.2, { sided: 2 })!);
    expect(minimumDetectableChange(3, 0, { sided: 2 })).toBeUndefined();
  });
});
