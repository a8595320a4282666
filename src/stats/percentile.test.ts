import { describe, expect, it } from 'vitest';
import { percentile } from './percentile.ts';

describe('percentile', () => {
  it('interpolates linearly between the closest ranks, like numpy.percentile', () => {
    expect(percentile([1, 2, 3, 4], 50)).toBe(2.5);
    // rank 0.9 * 4 = 3.6: 40 + 0.6 * (50 - 40)
    expect(percentile([50, 10, 40, 20, 30], 90)).toBeCloseTo(46, 12);
    // rank 0.99 * 99 = 98.01: 99 + 0.01 * (100 - 99)
    const oneToHundred = Array.from({ length: 100 }, (_, index) => index + 1);
    expect(percentile(oneToHundred, 99)).toBeCloseTo(99.01, 12);
  });

  it('gives the extremes at 0 and 100 and the value itself for one value', () => {
    expect(percentile([3, 1, 2], 0)).toBe(1);
    expect(percentile([3, 1, 2], 100)).toBe(3);
    expect(percentile([7], 99)).toBe(7);
  });

  it('is undefined for no values and leaves its input unsorted', () => {
    expect(percentile([], 50)).toBeUndefined();
    const values = [3, 1, 2];
    percentile(values, 50);
    expect(values).toEqual([3, 1, 2]);
  });

  it('rejects a percentile outside 0..100', () => {
    expect(() => percentile([1], 101)).toThrow('Expected `p` to be a number from 0 to 100, got `101` (number)');
    expect(() => percentile([1], Number.NaN)).toThrow(RangeError);
  });
});
