import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { describe, expect, it } from 'vitest';
import { percentileInterval, percentileSampleSize } from './percentile-interval.ts';
import { percentile } from './percentile.ts';
import { exactBinomialTail, toNumber } from './test/exact-binomial.ts';

const ranks = (n: number) => Array.from({ length: n }, (_, index) => index + 1);

describe('percentileSampleSize', () => {
  it('needs 6 values for the median, 36 for p90 and 368 for p99 at 95%', () => {
    expect(percentileSampleSize(50)).toBe(6);
    expect(percentileSampleSize(90)).toBe(36);
    expect(percentileSampleSize(99)).toBe(368);
    expect(percentileSampleSize(10)).toBe(36);
    // 0.99^n ≤ 0.005 at 99% level: n ≥ 527.2.
    expect(percentileSampleSize(99, 0.99)).toBe(528);
  });

  it('refuses the ends, which no sample brackets', () => {
    expect(() => percentileSampleSize(100)).toThrow('Expected `p` to be a number between 0 and 100 (exclusive), got `100` (number)');
    expect(() => percentileSampleSize(0)).toThrow(RangeError);
  });
});

describe('percentileInterval', () => {
  it('gives the classic median interval of 10 values: the 2nd to the 9th', () => {
    // P(B ≤ 1) = 11/1024 ≤ 0.025 < P(B ≤ 2) = 56/1024.
    const shuffled = [7, 3, 10, 1, 9, 2, 8, 4, 6, 5].map((rank) => rank * 10);
    expect(percentileInterval(shuffled, 50)).toEqual({ n: 10, estimate: 55, low: 20, high: 90 });
  });

  it('is the whole range at the smallest sample, and `needed` below it', () => {
    expect(percentileInterval(ranks(6), 50)).toEqual({ n: 6, estimate: 3.5, low: 1, high: 6 });
    expect(percentileInterval(ranks(5), 50)).toEqual({ n: 5, estimate: undefined, needed: 6 });
    expect(percentileInterval(ranks(13), 99)).toEqual({ n: 13, estimate: undefined, needed: 368 });
    // p90 of 36: only the maximum is high enough (0.9^36 = 0.0225 ≤ 0.025); the low end is well inside.
    const p90 = percentileInterval(ranks(36), 90) as { low: number; high: number };
    expect(p90.high).toBe(36);
    expect(p90.low).toBeGreaterThan(20);
  });

  it('picks the tightest ranks whose tails are at most (1 − level)/2, by exact binomial sums', () => {
    for (const [n, p, numerator, denominator] of [[40, 50, 1, 2], [100, 90, 9, 10], [400, 99, 99, 100], [200, 25, 1, 4]] as const) {
      const { low, high } = percentileInterval(ranks(n), p) as { low: number; high: number };
      const lowerTail = (rank: number) => toNumber(exactBinomialTail(rank - 1, n, numerator, denominator, 'lower'));
      const upperTail = (rank: number) => toNumber(exactBinomialTail(rank, n, numerator, denominator, 'upper'));
      expect(lowerTail(low)).toBeLessThanOrEqual(0.025);
      expect(lowerTail(low + 1)).toBeGreaterThan(0.025);
      expect(upperTail(high)).toBeLessThanOrEqual(0.025);
      expect(upperTail(high - 1)).toBeGreaterThan(0.025);
    }
  });

  it("uses percentile()'s estimate and brackets it", () => {
    const generator = xoroshiro128plus(5);
    const values = Array.from({ length: 500 }, () => uniformInt(generator, 1, 100_000) / 100);
    for (const p of [50, 90, 99]) {
      const result = percentileInterval(values, p);
      if (result.estimate === undefined) throw new Error('expected an estimate');
      expect(result.estimate).toBe(percentile(values, p));
      expect(result.low).toBeLessThanOrEqual(result.estimate);
      expect(result.high).toBeGreaterThanOrEqual(result.estimate);
    }
  });
});
