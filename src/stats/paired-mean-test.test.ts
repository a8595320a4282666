import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { describe, expect, it } from 'vitest';
import { caseFlipSd, oneSampleMeanTest, pairedMeanTest } from './paired-mean-test.ts';
import type { Alternative } from './paired-proportion-test.ts';

describe('pairedMeanTest', () => {
  it('gives the t-test of a hand example, by the closed form of Student t with 2 degrees of freedom', () => {
    // Differences 1, 2, 3: mean 2, sd 1, t = 2√3. With 2 df, P(T ≤ t) = ½ + t / (2√(2 + t²)).
    const test = pairedMeanTest([1, 2, 3])!;
    const t = 2 * Math.sqrt(3);
    expect(test).toMatchObject({ n: 3, mean: 2, sd: 1, df: 2 });
    expect(test.pValue).toBeCloseTo(1 - t / Math.sqrt(2 + t * t), 12);
    // The 97.5% quantile with 2 df is (2p − 1)/√(2p(1 − p)) = 4.302653.
    const quantile = 0.95 / Math.sqrt(2 * 0.975 * 0.025);
    expect(quantile).toBeCloseTo(4.302653, 6);
    expect(test.interval.low).toBeCloseTo(2 - quantile / Math.sqrt(3), 10);
    expect(test.interval.high).toBeCloseTo(2 + quantile / Math.sqrt(3), 10);
    const less = pairedMeanTest([1, 2, 3], { alternative: 'greater' })!;
    expect(less.pValue).toBeCloseTo((1 - t / Math.sqrt(2 + t * t)) / 2, 12);
    expect(less.interval.high).toBe(Infinity);
  });

  it('matches published values: t.test(1:5) and the 0.975 quantile with 9 df', () => {
    expect(tQuantile(0.975, 9)).toBeCloseTo(2.262157, 6);
    const test = pairedMeanTest([1, 2, 3, 4, 5])!;
    expect(test.pValue).toBeCloseTo(0.01324, 5);
    expect(test.interval.low).toBeCloseTo(1.036757, 6);
    expect(test.interval.high).toBeCloseTo(4.963243, 6);
  });

  it("matches SciPy's ttest_1samp and its confidence interval (the plain one-sample test, no floor)", () => {
    const test = oneSampleMeanTest([0.2, -0.1, 0.4, 0, 0.3, -0.2, 0.5])!;
    expect(test.pValue).toBeCloseTo(0.16591431659400704, 12);
    expect(test.interval.low).toBeCloseTo(-0.08671462474687941, 12);
    expect(test.interval.high).toBeCloseTo(0.40100033903259374, 12);
  });

  it('has its interval exclude the null exactly when p < 1 − level, on hundreds of random vectors', () => {
    const generator = xoroshiro128plus(12);
    const alternatives: Alternative[] = ['two-sided', 'less', 'greater'];
    let rejections = 0;
    let total = 0;
    for (let vector = 0; vector < 600; vector++) {
      const n = uniformInt(generator, 2, 60);
      // Per-case differences of pass shares with 3 repeats: multiples of 1/3 in −1..1, shifted.
      const shift = uniformInt(generator, -3, 3) / 9;
      const differences = Array.from({ length: n }, () => uniformInt(generator, -3, 3) / 3 + shift);
      const level = [0.9, 0.95, 0.99][vector % 3]!;
      for (const alternative of alternatives) {
        const nullValue = vector % 2 === 0 ? 0 : shift;
        const test = pairedMeanTest(differences, { alternative, level, nullValue })!;
        const excludes = test.interval.low > nullValue || test.interval.high < nullValue;
        expect(test.pValue).toBeGreaterThanOrEqual(0);
        expect(test.pValue).toBeLessThanOrEqual(1);
        expect(excludes, `${alternative} n=${n}`).toBe(test.pValue < 1 - level);
        if (excludes) rejections++;
        total++;
      }
    }
    expect(rejections).toBeGreaterThan(total / 10);
    expect(rejections).toBeLessThan(total * 0.9);
  });

  it('with every difference equal, keeps the spread of one case flipping: no zero-width interval, no p = 0', () => {
    // A/A of a deterministic target over 13 cases: ±t(0.975, 12)·(1/√13)/√13, about ±16.8 points
    // (one repeat gives ±22.8, Wilson's bound for no discordant case of 13), and p = 1.
    const aa = pairedMeanTest(Array.from({ length: 13 }, () => 0))!;
    expect(aa).toMatchObject({ mean: 0, sd: 0, pValue: 1 });
    expect(aa.sdUsed).toBeCloseTo(caseFlipSd(13), 15);
    expect(aa.interval.high).toBeCloseTo(tQuantile(0.975, 12) / 13, 12);
    expect(aa.interval.high).toBeGreaterThan(0.16);
    expect(aa.interval.low).toBeCloseTo(-aa.interval.high, 15);
    // Two cases that each lost one of three repeats: t = (−1/3)/(1/√2/√2) = −2/3 on 1 df, p = 1 − 2·atan(2/3)/π.
    const two = pairedMeanTest([-1 / 3, -1 / 3])!;
    expect(two.pValue).toBeCloseTo(1 - (2 * Math.atan(2 / 3)) / Math.PI, 12);
    // Ten cases that each lost two of three: still clearly worse.
    expect(pairedMeanTest(Array.from({ length: 10 }, () => -2 / 3))!.pValue).toBeLessThan(0.001);
    // The floor is the sample sd of n − 1 equal differences and one a whole flip away.
    const flipped = [1, 0, 0, 0, 0, 0, 0, 0];
    const mean = 1 / 8;
    expect(Math.sqrt(flipped.reduce((sum, value) => sum + (value - mean) ** 2, 0) / 7)).toBeCloseTo(caseFlipSd(8), 15);
  });

  it('gives exactly 0 for equal rates summed from thirds, not float noise', () => {
    const t = 1 / 3;
    const u = 2 / 3;
    const base = [t, u, u, 0, t, 1, u, 0, u, t, t, u, 1, 0, 1, 1, t];
    const current = [0, 0, 1, 0, t, u, u, t, t, 1, 1, 1, u, u, u, t, t];
    expect(pairedMeanTest(current.map((value, index) => value - base[index]!))!.mean).toBe(0);
  });

  it('without a floor (oneSampleMeanTest): a point interval, p 0 or 1 by the side of the null', () => {
    expect(oneSampleMeanTest([0, 0, 0])).toMatchObject({ mean: 0, sd: 0, pValue: 1, interval: { low: 0, high: 0 } });
    expect(oneSampleMeanTest([0.1, 0.1, 0.1])).toMatchObject({ mean: 0.1, sd: 0, pValue: 0, interval: { low: 0.1, high: 0.1 } });
    expect(oneSampleMeanTest([0.1, 0.1], { alternative: 'less' })).toMatchObject({ pValue: 1, interval: { low: -Infinity, high: 0.1 } });
    expect(oneSampleMeanTest([-0.1, -0.1], { alternative: 'less' })!.pValue).toBe(0);
  });

  it('is undefined below two cases and refuses non-numbers', () => {
    expect(pairedMeanTest([])).toBeUndefined();
    expect(pairedMeanTest([0.5])).toBeUndefined();
    expect(() => pairedMeanTest([1, Number.NaN])).toThrow('Expected every value to be a finite number, got `NaN` (number)');
  });
});

describe('oneSampleMeanTest', () => {
  it('tests per-case pass shares against a threshold', () => {
    // Shares 0.8, 0.9, 1 against 0.9: mean 0.9, so nothing to reject either way.
    const atThreshold = oneSampleMeanTest([0.8, 0.9, 1], { nullValue: 0.9, alternative: 'less' })!;
    expect(atThreshold.pValue).toBeCloseTo(0.5, 12);
    // Shares 0.6, 0.7, 0.8 against 0.9: t = −0.2/(0.1/√3) = −2√3, one-sided p from 2 df closed form.
    const below = oneSampleMeanTest([0.6, 0.7, 0.8], { nullValue: 0.9, alternative: 'less' })!;
    const t = 2 * Math.sqrt(3);
    expect(below.pValue).toBeCloseTo((1 - t / Math.sqrt(2 + t * t)) / 2, 10);
    expect(below.interval.low).toBe(-Infinity);
    expect(below.interval.high).toBeLessThan(0.9);
  });
});
