import { describe, expect, it } from 'vitest';
import { percentile } from './percentile.ts';
import { selectPercentile } from './select-percentile.ts';

describe('selectPercentile', () => {
  it('gives exactly what percentile gives, at every p, for ties, runs and random values', () => {
    let state = 7;
    const next = () => (state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const samples = [
      [5],
      [2, 1],
      [3, 3, 3, 3],
      [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
      [10, 9, 8, 7, 6, 5, 4, 3, 2, 1],
      ...Array.from({ length: 200 }, (_, index) => Array.from({ length: 1 + (index % 37) }, () => Math.round(next() * (index % 3 === 0 ? 4 : 1000)) / 8)),
    ];
    for (const values of samples) {
      for (const p of [0, 1, 10, 25, 50, 73.5, 90, 99, 100]) {
        const buffer = new Float64Array(values.length + 3);
        buffer.set(values);
        expect(selectPercentile(buffer, values.length, p)).toBe(percentile(values, p));
      }
    }
  });

  it('reads only the first length values, and gives undefined for none', () => {
    expect(selectPercentile(Float64Array.of(1, 2, 3, 100, 100), 3, 50)).toBe(2);
    expect(selectPercentile(new Float64Array(4), 0, 50)).toBeUndefined();
    expect(() => selectPercentile(new Float64Array(2), 3, 50)).toThrow(RangeError);
    expect(() => selectPercentile(new Float64Array(2), 2, 101)).toThrow(RangeError);
  });
});
