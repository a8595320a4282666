import { describe, expect, it } from 'vitest';
import { caseShareRate } from './case-share-rate.ts';

describe('caseShareRate', () => {
  it('is a proportion of cases with its Wilson interval when every share is 0 or 1', () => {
    const rate = caseShareRate([1, 1, 1, 0], 3);
    expect(rate).toMatchObject({ rate: 0.75, cases: 4 });
    // Wilson 3 of 4 by hand (z = 1.959964): [0.3006418, 0.9544127].
    expect(rate.interval?.low).toBeCloseTo(0.3006418, 6);
    expect(rate.interval?.high).toBeCloseTo(0.9544127, 6);
    // Every case passed every repeat: Wilson's 0.77 for 13 of 13, not a single point.
    expect(caseShareRate(Array(13).fill(1), 3).interval?.low).toBeCloseTo(0.7719046, 6);
  });

  it('takes Wilson at the effective number of cases when shares vary: inside 0..1, short of 100% when a case failed every repeat', () => {
    // Shares 1, 2/3, 1/3, 1, 0, 1: mean 2/3, se² = s²/6 = 0.0296296, t(0.975, 5) = 2.5705818 (scipy);
    // n_eff = (2/3 · 1/3) / se² · (1.959964 / 2.5705818)² = 4.3600812, then Wilson at that n.
    const rate = caseShareRate([1, 2 / 3, 1 / 3, 1, 0, 1], 3);
    expect(rate.rate).toBeCloseTo(2 / 3, 12);
    expect(rate.interval?.low).toBeCloseTo(0.2566707, 6);
    expect(rate.interval?.high).toBeCloseTo(0.9205351, 6);
  });

  it('counts no more cases than there were repeats: shares that do not vary are as if every repeat were independent', () => {
    // Both cases at 1 of 2: Wilson 2 of 4.
    const rate = caseShareRate([0.5, 0.5], 2);
    expect(rate.interval?.low).toBeCloseTo(0.1500390, 6);
    expect(rate.interval?.high).toBeCloseTo(0.8499610, 6);
  });

  it('has no interval for one case that passed some repeats, and nothing for no case', () => {
    expect(caseShareRate([0.5], 2)).toEqual({ rate: 0.5, interval: undefined, cases: 1 });
    expect(caseShareRate([])).toEqual({ rate: undefined, interval: undefined, cases: 0 });
  });
});
