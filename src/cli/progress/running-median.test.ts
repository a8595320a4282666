import { describe, expect, it } from 'vitest';
import { RunningMedian } from './running-median.ts';

describe('RunningMedian', () => {
  it('is exact, interpolated between the two middle values, up to 10,000 values', () => {
    const median = new RunningMedian();
    expect(median.median).toBeUndefined();
    for (const value of [40, 10, 30, 20]) median.add(value);
    expect(median.median).toBe(25);
    median.add(35);
    expect(median.median).toBe(30);
  });

  it('past 10,000 values reads the median from 1% buckets, within 0.5% of the exact one, in bounded memory', () => {
    const median = new RunningMedian();
    // 200,001 values from 100 to 300 ms: the exact median is 200.
    const values = Array.from({ length: 200_001 }, (_unused, index) => 100 + (index * 200) / 200_000);
    for (let index = 0; index < values.length; index++) median.add(values[(index * 7919) % values.length]!);
    expect(Math.abs(median.median! / 200 - 1)).toBeLessThan(0.005);
    expect(median.median).not.toBe(200);
  });
});
