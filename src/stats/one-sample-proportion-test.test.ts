import { describe, expect, it } from 'vitest';
import { criticalCount, oneSampleProportionTest, type ProportionDirection } from './one-sample-proportion-test.ts';
import { exactBinomialTail, toNumber } from './test/exact-binomial.ts';

describe('oneSampleProportionTest', () => {
  it('fails the README example only on evidence: 13 cases against pass_rate >= 0.9', () => {
    // P(X ≤ 9 | 13, 0.9) = 0.0342 < 0.05 ≤ P(X ≤ 10 | 13, 0.9) = 0.1339: 10 passes of 13 still pass the gate.
    expect(criticalCount(13, 0.9)).toBe(9);
    const exactAlpha = toNumber(exactBinomialTail(9, 13, 9, 10, 'lower'));
    expect(exactAlpha).toBeCloseTo(0.0342, 4);
    const passes = oneSampleProportionTest(10, 13, 0.9);
    expect(passes.pValue).toBeCloseTo(toNumber(exactBinomialTail(10, 13, 9, 10, 'lower')), 13);
    expect(passes.pValue).toBeGreaterThan(0.05);
    expect(passes.bound).toBeGreaterThan(0.9);
    expect(passes.estimate).toBeCloseTo(10 / 13, 15);
    expect(passes.achievedAlpha).toBeCloseTo(exactAlpha, 13);
    const fails = oneSampleProportionTest(9, 13, 0.9);
    expect(fails.pValue).toBeCloseTo(exactAlpha, 13);
    expect(fails.bound).toBeLessThan(0.9);
  });

  it('gives the one-sided Clopper–Pearson bound: (1 − U)^n = alpha at no failures mirrored', () => {
    // 0 successes of 20: P(X ≤ 0 | U) = (1 − U)^20 = 0.05.
    expect(oneSampleProportionTest(0, 20, 0.5).bound).toBeCloseTo(1 - 0.05 ** (1 / 20), 11);
    // 20 of 20 'at-most': P(X ≥ 20 | L) = L^20 = 0.05.
    expect(oneSampleProportionTest(20, 20, 0.5, { direction: 'at-most' }).bound).toBeCloseTo(0.05 ** (1 / 20), 11);
  });

  it('rejects exactly when p < alpha, when the bound is past the threshold, and in the rejection region: every count for n ≤ 60', () => {
    const directions: ProportionDirection[] = ['at-least', 'at-most'];
    let rejections = 0;
    let total = 0;
    for (const threshold of [0.37, 0.5, 0.9, 0.95]) {
      for (const direction of directions) {
        for (const midP of [false, true]) {
          for (let n = 1; n <= 60; n++) {
            const critical = criticalCount(n, threshold, { direction, midP });
            for (let successes = 0; successes <= n; successes++) {
              const test = oneSampleProportionTest(successes, n, threshold, { direction, midP });
              const rejects = test.pValue < 0.05;
              const boundPast = direction === 'at-least' ? test.bound < threshold : test.bound > threshold;
              const inRegion = direction === 'at-least' ? successes <= critical : successes >= critical;
              expect(boundPast, `${direction} ${threshold} ${successes}/${n}`).toBe(rejects);
              expect(inRegion, `${direction} ${threshold} ${successes}/${n}`).toBe(rejects);
              if (!midP) expect(test.achievedAlpha).toBeLessThanOrEqual(0.05);
              if (rejects) rejections++;
              total++;
            }
          }
        }
      }
    }
    expect(rejections).toBeGreaterThan(total / 10);
  });

  it('keeps bound and p-value agreeing at an exact tie, with the threshold as the pivot', () => {
    const pValue = oneSampleProportionTest(83, 100, 0.9).pValue;
    expect(oneSampleProportionTest(83, 100, 0.9, { alpha: pValue }).bound).toBeGreaterThan(0.9);
    expect(oneSampleProportionTest(83, 100, 0.9, { alpha: pValue * (1 + 2 ** -52) }).bound).toBeLessThan(0.9);
  });

  it('has the exact achieved alpha, a sum over the rejection region', () => {
    // 100 cases at 0.8, 'at-most' 0.2 mirrored: the regions and their probabilities match.
    const atLeast = oneSampleProportionTest(80, 100, 0.8);
    const critical = criticalCount(100, 0.8);
    expect(atLeast.achievedAlpha).toBeCloseTo(toNumber(exactBinomialTail(critical, 100, 4, 5, 'lower')), 13);
    const atMost = oneSampleProportionTest(20, 100, 0.2, { direction: 'at-most' });
    expect(criticalCount(100, 0.2, { direction: 'at-most' })).toBe(100 - critical);
    expect(atMost.achievedAlpha).toBeCloseTo(atLeast.achievedAlpha, 13);
  });

  it('refuses impossible arguments', () => {
    expect(() => oneSampleProportionTest(0, 0, 0.9)).toThrow('Expected `n` to be an integer >= 1, got `0` (number)');
    expect(() => oneSampleProportionTest(5, 10, 90)).toThrow('Expected `threshold` to be a rate from 0 to 1, got `90` (number)');
    expect(() => oneSampleProportionTest(5, 10, 0.9, { alpha: 0 })).toThrow('Expected `alpha` to be a number between 0 and 1, got `0` (number)');
  });
});
