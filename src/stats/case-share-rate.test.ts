import { describe, expect, it } from 'vitest';
import { caseShareRate } from './case-share-rate.ts';

describe('caseShareRate', () => {
  it('is a proportion of cases with its Wilson interval when every share is 0 or 1', () => {
    const rate = caseShareRate([1, 1, 1, 0]);
    expect(rate).toMatchObject({ rate: 0.75, cases: 4 });
    // Wilson 3 of 4 by hand (z = 1.959964): [0.3006418, 0.9544127].
    expect(rate.interval?.low).toBeCloseTo(0.3006418, 6);
    expect(rate.interval?.high).toBeCloseTo(0.9544127, 6);
    // Every case passed every repeat: Wilson's 0.77 for 13 of 13, not the t interval's single point.
    expect(caseShareRate(Array(13).fill(1)).interval?.low).toBeCloseTo(0.7719046, 6);
  });

  it('takes a Student t interval on shares that vary, kept inside 0..1', () => {
    const rate = caseShareRate([1, 2 / 3, 1 / 3, 1, 0, 1]);
    expect(rate.rate).toBeCloseTo(2 / 3, 12);
    // sd 0.4216370, t(0.975, 5) = 2.570582: 2/3 ± 0.4425 (scipy.stats.t).
    expect(rate.interval?.low).toBeCloseTo(0.2241857, 6);
    expect(rate.interval?.high).toBe(1);
  });

  it('falls back to Wilson on the cases when the shares do not vary, and has no interval for one such case', () => {
    // Both cases at 1/2: Wilson 1 of 2.
    expect(caseShareRate([0.5, 0.5]).interval?.low).toBeCloseTo(0.0945312, 6);
    expect(caseShareRate([0.5])).toEqual({ rate: 0.5, interval: undefined, cases: 1 });
    expect(caseShareRate([])).toEqual({ rate: undefined, interval: undefined, cases: 0 });
  });
});
