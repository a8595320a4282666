import { describe, expect, it } from 'vitest';
import { pairedDifference } from './paired-difference.ts';
import { pairedProportionTest, type Alternative } from './paired-proportion-test.ts';
import { proportionInterval } from './proportion-interval.ts';
import { tangoInterval, tangoScore } from './tango-interval.ts';
import { exactBinomialTail, toNumber } from './test/exact-binomial.ts';

const counts = (baselineOnly: number, currentOnly: number, pairs = 50) => ({
  both: pairs - baselineOnly - currentOnly,
  onlyBaseline: baselineOnly,
  onlyOther: currentOnly,
  neither: 0,
});

const alternatives: Alternative[] = ['two-sided', 'less', 'greater'];
const z95 = 1.959963984540054;

describe('pairedProportionTest', () => {
  it('gives exact McNemar p-values: 10 lost, none gained', () => {
    const test = pairedProportionTest(counts(10, 0))!;
    expect(test).toMatchObject({ pairs: 50, baselineOnly: 10, currentOnly: 0, difference: -0.2, method: 'exact' });
    expect(test.pValue).toBe(2 / 1024);
    expect(pairedProportionTest(counts(10, 0), { alternative: 'less' })!.pValue).toBe(1 / 1024);
    expect(pairedProportionTest(counts(10, 0), { alternative: 'greater' })!.pValue).toBe(1);
    // Mid-p: half of P(X = 0) comes off each tail.
    expect(pairedProportionTest(counts(10, 0), { midP: true })!.pValue).toBe(1 / 1024);
    expect(pairedProportionTest(counts(10, 0), { alternative: 'less', midP: true })!.pValue).toBe(0.5 / 1024);
  });

  it("gives Tango's score interval of the published example: Bentur et al.'s airway data, 1 vs 7 of 21", () => {
    // Fagerland, Lydersen & Laake (2014, Stat Med 33:2850), the paired 2x2 example: n11 = 1,
    // n12 = 1, n21 = 7, n22 = 12; Tango's asymptotic score interval −0.517 to −0.026. With mid-p
    // the interval is Tango's as published; mid-p (p = 0.039) rejects, and so does the interval.
    const score = tangoInterval({ currentOnly: 1, baselineOnly: 7, pairs: 21 }, z95, z95);
    expect(score.low).toBeCloseTo(-0.5172, 4);
    expect(score.high).toBeCloseTo(-0.026, 4);
    expect(pairedProportionTest({ both: 1, onlyBaseline: 7, onlyOther: 1, neither: 12 }, { midP: true })).toMatchObject({ adjustment: 'none', interval: score });
    // The exact test (p = 0.070) does not reject; its interval, with half a pair of continuity
    // correction, reaches past 0 by itself.
    const test = pairedProportionTest({ both: 1, onlyBaseline: 7, onlyOther: 1, neither: 12 })!;
    expect(test.pValue).toBeCloseTo(18 / 256, 14);
    expect(test).toMatchObject({ adjustment: 'none', interval: tangoInterval({ currentOnly: 1, baselineOnly: 7, pairs: 21 }, z95, z95, 0.5) });
    expect(test.interval.high).toBeCloseTo(0.0025, 4);
  });

  it('has ends where the score statistic, computed from a brute-force maximum likelihood, is ±z', () => {
    // The nuisance share q21 maximises the multinomial likelihood under δ: found here by golden
    // section, independently of the closed-form root the code uses.
    const restrictedScore = (n12: number, n21: number, n: number, delta: number): number => {
      const logLikelihood = (q: number) => (n12 ? n12 * Math.log(q + delta) : 0) + (n21 ? n21 * Math.log(q) : 0) + (n - n12 - n21) * Math.log(1 - 2 * q - delta);
      let low = Math.max(0, -delta);
      let high = (1 - delta) / 2;
      for (let step = 0; step < 200; step++) {
        const left = low + (high - low) * 0.381966;
        const right = high - (high - low) * 0.381966;
        if (logLikelihood(left) < logLikelihood(right)) low = left;
        else high = right;
      }
      const q = (low + high) / 2;
      return (n12 - n21 - n * delta) / Math.sqrt(n * (2 * q + delta * (1 - delta)));
    };
    for (const [n12, n21, n] of [[3, 9, 50], [20, 11, 120], [0, 6, 40], [12, 12, 30], [1, 7, 21]] as const) {
      const { low, high } = tangoInterval({ currentOnly: n12, baselineOnly: n21, pairs: n }, z95, z95);
      expect(restrictedScore(n12, n21, n, low)).toBeCloseTo(z95, 5);
      expect(restrictedScore(n12, n21, n, high)).toBeCloseTo(-z95, 5);
    }
    // At δ = 0 the score statistic is McNemar's (c − b)/√(b + c).
    expect(tangoScore({ currentOnly: 4, baselineOnly: 13, pairs: 80 }, 0)).toBeCloseTo(-9 / Math.sqrt(17), 12);
  });

  it('has a score falling with δ and the ends right at the edges of the scale', () => {
    for (const [n12, n21, n] of [[0, 0, 10], [10, 0, 10], [0, 10, 10], [3, 5, 8], [2, 9, 40]] as const) {
      let previous = Infinity;
      for (let step = -1000; step <= 1000; step++) {
        const score = tangoScore({ currentOnly: n12, baselineOnly: n21, pairs: n }, step / 1000);
        expect(score, `n12=${n12} n21=${n21} δ=${step / 1000}`).toBeLessThanOrEqual(previous);
        previous = score;
      }
    }
    // Every pair discordant and all for the current run: the estimate is 1 and so is the upper end.
    const all = pairedProportionTest({ both: 0, onlyBaseline: 0, onlyOther: 10, neither: 0 }, { midP: true })!;
    expect(all.interval.high).toBe(1);
    // With every pair discordant δ = 2π − 1 for π the share the current run won: Wilson's bound, mapped.
    expect(all.interval.low).toBeCloseTo(2 * proportionInterval(10, 10)!.low - 1, 9);
    expect(pairedProportionTest({ both: 0, onlyBaseline: 10, onlyOther: 0, neither: 0 })!.interval.low).toBe(-1);
  });

  it('fails the drop gate of the issue: 10 of 60 lost, none gained, one-sided 95% upper bound below −5 points', () => {
    const test = pairedProportionTest(counts(10, 0, 60), { alternative: 'less' })!;
    expect(test.interval.low).toBe(-1);
    // −10.2 points without the continuity correction (the mid-p interval), −9.6 with it.
    expect(test.interval.high).toBeCloseTo(-0.0958, 4);
    expect(pairedProportionTest(counts(10, 0, 60), { alternative: 'less', midP: true })!.interval.high).toBeCloseTo(-0.1023, 4);
    expect(test.adjustment).toBe('none');
  });

  it('matches exact binomial sums and the existing two-sided McNemar for every split up to 40', () => {
    for (let discordant = 1; discordant <= 40; discordant++) {
      for (let currentOnly = 0; currentOnly <= discordant; currentOnly++) {
        const lower = toNumber(exactBinomialTail(currentOnly, discordant, 1, 2, 'lower'));
        const upper = toNumber(exactBinomialTail(currentOnly, discordant, 1, 2, 'upper'));
        const split = counts(discordant - currentOnly, currentOnly);
        const twoSided = pairedProportionTest(split)!.pValue;
        expect(twoSided).toBeCloseTo(Math.min(1, 2 * Math.min(lower, upper)), 13);
        expect(twoSided).toBeCloseTo(pairedDifference(split)!.pValue, 13);
        expect(pairedProportionTest(split, { alternative: 'less' })!.pValue).toBeCloseTo(lower, 14);
        expect(pairedProportionTest(split, { alternative: 'greater' })!.pValue).toBeCloseTo(upper, 14);
      }
    }
  });

  it('has its interval exclude 0 exactly when p < 1 − level, for every split up to 40 of 50 pairs', () => {
    let rejections = 0;
    for (const midP of [false, true]) {
      for (const alternative of alternatives) {
        for (let baselineOnly = 0; baselineOnly <= 40; baselineOnly++) {
          for (let currentOnly = 0; baselineOnly + currentOnly <= 40; currentOnly++) {
            const test = pairedProportionTest(counts(baselineOnly, currentOnly), { alternative, midP, level: 0.95 })!;
            expect(test.pValue).toBeGreaterThanOrEqual(0);
            expect(test.pValue).toBeLessThanOrEqual(1);
            const excludesZero = test.interval.low > 0 || test.interval.high < 0;
            const rejects = test.pValue < 1 - 0.95;
            if (rejects) rejections++;
            expect(excludesZero, `${alternative}${midP ? ' mid-p' : ''} b=${baselineOnly} c=${currentOnly}: p=${test.pValue} [${test.interval.low}, ${test.interval.high}]`).toBe(rejects);
            expect(test.interval.low).toBeLessThanOrEqual(test.difference);
            expect(test.interval.high).toBeGreaterThanOrEqual(test.difference);
          }
        }
      }
    }
    // Not a vacuous agreement: both outcomes occur many times.
    expect(rejections).toBeGreaterThan(1000);
    expect(rejections).toBeLessThan(5000);
  });

  it('agrees with its test over every split of 200 pairs, and counts how often the score interval had to move', () => {
    // The exact test is more conservative than the score test it replaces at 0: the interval is
    // only ever widened to reach 0, never moved past it. Two-sided 95%, all b + c ≤ 200 of 200
    // (20,301 tables): exact (with half a pair of continuity correction) 84 widened, mid-p 14;
    // one-sided ('less') exact 48, mid-p 7.
    const adjustments = (alternative: Alternative, midP: boolean) => {
      const seen = { none: 0, 'widened to 0': 0, 'to the exact bound': 0 };
      for (let baselineOnly = 0; baselineOnly <= 200; baselineOnly++) {
        for (let currentOnly = 0; baselineOnly + currentOnly <= 200; currentOnly++) {
          const test = pairedProportionTest(counts(baselineOnly, currentOnly, 200), { alternative, midP })!;
          const excludesZero = test.interval.low > 0 || test.interval.high < 0;
          if (excludesZero !== test.pValue < 0.05) throw new Error(`b=${baselineOnly} c=${currentOnly}: p=${test.pValue} [${test.interval.low}, ${test.interval.high}]`);
          seen[test.adjustment]++;
        }
      }
      return seen;
    };
    expect(adjustments('two-sided', false)).toEqual({ none: 20217, 'widened to 0': 84, 'to the exact bound': 0 });
    expect(adjustments('two-sided', true)).toEqual({ none: 20287, 'widened to 0': 14, 'to the exact bound': 0 });
    expect(adjustments('less', false)).toEqual({ none: 20253, 'widened to 0': 48, 'to the exact bound': 0 });
    expect(adjustments('less', true)).toEqual({ none: 20294, 'widened to 0': 7, 'to the exact bound': 0 });
  });

  it('rejects more often with mid-p and keeps one-sided intervals open on one side', () => {
    // 9 discordant, 1 for the current run: exact one-sided p = 10/512 < 0.05 but two-sided 20/512.
    const exact = pairedProportionTest(counts(8, 1));
    expect(exact!.pValue).toBeCloseTo(20 / 512, 15);
    expect(pairedProportionTest(counts(8, 1), { alternative: 'less' })!.interval.low).toBe(-1);
    expect(pairedProportionTest(counts(8, 1), { alternative: 'greater' })!.interval.high).toBe(1);
    // Exact two-sided p of 7 vs 1 is 0.0703; mid-p 0.0391: a change only mid-p detects.
    expect(pairedProportionTest(counts(7, 1))!.pValue).toBeGreaterThan(0.05);
    expect(pairedProportionTest(counts(7, 1), { midP: true })!.pValue).toBeLessThan(0.05);
  });

  it('with no discordant case: no change, p = 1, the score interval is the Wilson bound on the discordant share', () => {
    const test = pairedProportionTest({ both: 30, onlyBaseline: 0, onlyOther: 0, neither: 20 }, { midP: true })!;
    const wilson = proportionInterval(0, 50)!;
    // The exact test's interval, corrected for continuity, is wider.
    expect(pairedProportionTest({ both: 30, onlyBaseline: 0, onlyOther: 0, neither: 20 })!.interval.high).toBeGreaterThan(wilson.high);
    expect(test.difference).toBe(0);
    expect(test.pValue).toBe(1);
    expect(test.interval.low).toBeCloseTo(-wilson.high, 12);
    expect(test.interval.high).toBeCloseTo(wilson.high, 12);
    expect(pairedProportionTest({ both: 50, onlyBaseline: 0, onlyOther: 0, neither: 0 }, { alternative: 'less' })!.interval.low).toBe(-1);
  });

  it('is undefined without pairs and refuses impossible counts', () => {
    expect(pairedProportionTest({ both: 0, onlyBaseline: 0, onlyOther: 0, neither: 0 })).toBeUndefined();
    expect(() => pairedProportionTest({ both: 1, onlyBaseline: -1, onlyOther: 0, neither: 0 })).toThrow('Expected `onlyBaseline` to be an integer >= 0, got `-1` (number)');
    expect(() => pairedProportionTest(counts(1, 1), { level: 95 })).toThrow(RangeError);
  });
});
