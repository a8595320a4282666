import { describe, expect, it } from 'vitest';
import { proportionInterval } from './proportion-interval.ts';

describe('proportionInterval', () => {
  it('gives the Wilson 95% interval', () => {
    const half = proportionInterval(5, 10);
    expect(half?.low).toBeCloseTo(0.236593, 6);
    expect(half?.high).toBeCloseTo(0.763407, 6);
    const eightOfTen = proportionInterval(8, 10);
    expect(eightOfTen?.low).toBeCloseTo(0.490162, 6);
    expect(eightOfTen?.high).toBeCloseTo(0.943318, 6);
  });

  it('stays inside 0..1 and is exact at the ends', () => {
    expect(proportionInterval(0, 10)).toEqual({ low: 0, high: expect.closeTo(0.277533, 6) });
    expect(proportionInterval(10, 10)).toEqual({ low: expect.closeTo(0.722467, 6), high: 1 });
  });

  it('is undefined with no trials and rejects impossible counts', () => {
    expect(proportionInterval(0, 0)).toBeUndefined();
    expect(() => proportionInterval(3, 2)).toThrow('Expected `successes` to be an integer from 0 to 2, got `3` (number)');
    expect(() => proportionInterval(1, 2.5)).toThrow(RangeError);
  });
});
