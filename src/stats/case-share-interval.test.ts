import { describe, expect, it } from 'vitest';
import { caseShareRate } from './case-share-rate.ts';
import { caseShareInterval } from './case-share-interval.ts';

describe('caseShareInterval', () => {
  it("at 95% is summary.csv's interval (caseShareRate), whatever the shares", () => {
    const samples: Array<[number[], number]> = [
      [[1, 1, 0, 1, 1], 1],
      [[1, 1, 1, 2 / 3, 1 / 3, 0, 1, 1, 1, 2 / 3], 3],
      [Array.from({ length: 40 }, () => 2 / 3), 3],
      [[0.2, 0.4, 0.6, 0.8, 1, 1, 1, 0.8], 5],
      [[0, 0, 0, 1 / 3], 3],
    ];
    for (const [shares, repeats] of samples) {
      const summary = caseShareRate(shares, repeats).interval!;
      const interval = caseShareInterval(shares, repeats, 0.95)!;
      expect(interval.low).toBeCloseTo(summary.low, 12);
      expect(interval.high).toBeCloseTo(summary.high, 12);
    }
  });

  it('narrows as the level falls, stays inside 0..1, and is undefined for one case whose repeats disagree', () => {
    const shares = [1, 1, 1, 2 / 3, 1 / 3, 1];
    const wide = caseShareInterval(shares, 3, 0.95)!;
    const narrow = caseShareInterval(shares, 3, 0.9)!;
    expect(narrow.low).toBeGreaterThan(wide.low);
    expect(narrow.high).toBeLessThan(wide.high);
    expect(wide.high).toBeLessThanOrEqual(1);
    expect(caseShareInterval([1, 1, 1], 3, 0.9)).toMatchObject({ high: 1 });
    expect(caseShareInterval([2 / 3], 3, 0.9)).toBeUndefined();
    expect(caseShareInterval([], 3, 0.9)).toBeUndefined();
  });
});
