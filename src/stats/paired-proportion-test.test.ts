import { describe, expect, it } from 'vitest';
import { clopperPearson } from './binomial.ts';
import { pairedDifference } from './paired-difference.ts';
import { pairedProportionTest, type Alternative } from './paired-proportion-test.ts';
import { proportionInterval } from './proportion-interval.ts';
import { exactBinomialTail, toNumber } from './test/exact-binomial.ts';

const counts = (baselineOnly: number, currentOnly: number, pairs = 50) => ({
  both: pairs - baselineOnly - currentOnly,
  onlyBaseline: baselineOnly,
  onlyOther: currentOnly,
  neither: 0,
});

const alternatives: Alternative[] = ['two-sided', 'less', 'greater'];

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

  it('maps the Clopper–Pearson interval of the discordant split to the difference', () => {
    // 10 discordant of 50 pairs, 0 for the current run: π in [0, 1 − 0.025^(1/10)].
    const test = pairedProportionTest(counts(10, 0))!;
    const share = 10 / 50;
    expect(test.interval.low).toBeCloseTo(-share, 12);
    expect(test.interval.high).toBeCloseTo((2 * (1 - 0.025 ** (1 / 10)) - 1) * share, 10);
    const mixed = pairedProportionTest(counts(4, 9, 60), { level: 0.9 })!;
    const rate = clopperPearson(9, 13, 0.9);
    expect(mixed.interval.low).toBeCloseTo((2 * rate.low - 1) * (13 / 60), 10);
    expect(mixed.interval.high).toBeCloseTo((2 * rate.high - 1) * (13 / 60), 10);
    expect(mixed.difference).toBeCloseTo(5 / 60, 15);
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

  it('with no discordant case: no change, p = 1, interval the Wilson bound on the discordant share', () => {
    const test = pairedProportionTest({ both: 30, onlyBaseline: 0, onlyOther: 0, neither: 20 })!;
    const wilson = proportionInterval(0, 50)!;
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
