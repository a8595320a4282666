import { describe, expect, it } from 'vitest';
import { bootstrapRatio, type RatioFigure } from './bootstrap-ratio.ts';
import { percentile } from './percentile.ts';

type Case = { base: number; current: number };

const median = (values: number[]) => percentile(values, 50);
const medians: RatioFigure<Case> = {
  base: (sample) => median(sample.map((item) => item.base)),
  current: (sample) => median(sample.map((item) => item.current)),
};
const mean = (values: number[]) => values.reduce((total, value) => total + value, 0) / values.length;
const means: RatioFigure<Case> = {
  base: (sample) => mean(sample.map((item) => item.base)),
  current: (sample) => mean(sample.map((item) => item.current)),
};
// Base latencies spread over a range; the current run 30% slower with case-to-case noise.
const cases: Case[] = Array.from({ length: 60 }, (_, index) => {
  const base = 200 + ((index * 37) % 60) * 10;
  return { base, current: base * (1.3 + (((index * 11) % 7) - 3) / 50) };
});

describe('bootstrapRatio', () => {
  it('gives the ratio of the figures over all the cases, with an interval around it', () => {
    const estimate = bootstrapRatio(cases, medians)!;
    expect(estimate.ratio).toBe(median(cases.map((item) => item.current))! / median(cases.map((item) => item.base))!);
    expect(estimate.resamples).toBe(2000);
    expect(estimate.interval!.low).toBeLessThan(estimate.ratio);
    expect(estimate.interval!.high).toBeGreaterThan(estimate.ratio);
    expect(estimate.interval!.low).toBeGreaterThan(1);
  });

  it('gives the same interval for the same seed and another for another seed', () => {
    const first = bootstrapRatio(cases, means, { seed: 7 });
    expect(bootstrapRatio(cases, means, { seed: 7 })).toEqual(first);
    // Means, not medians: a median takes few values, and two seeds can give the same percentiles of them.
    expect(bootstrapRatio(cases, means, { seed: 8 })!.interval).not.toEqual(first!.interval);
  });

  it('is exactly [1, 1] when the two figures are the same, and [2, 2] when one is twice the other', () => {
    const same: RatioFigure<Case> = { base: medians.base, current: medians.base };
    expect(bootstrapRatio(cases, same)).toEqual({ ratio: 1, interval: { low: 1, high: 1 }, resamples: 2000 });
    const sum = (sample: readonly Case[]) => sample.reduce((total, item) => total + item.base, 0);
    const twice: RatioFigure<Case> = { base: sum, current: (sample) => 2 * sum(sample) };
    expect(bootstrapRatio(cases, twice, { resamples: 300 })).toEqual({ ratio: 2, interval: { low: 2, high: 2 }, resamples: 300 });
  });

  it('is wider at a higher level', () => {
    const narrow = bootstrapRatio(cases, medians, { level: 0.5 })!.interval!;
    const wide = bootstrapRatio(cases, medians, { level: 0.99 })!.interval!;
    expect(wide.low).toBeLessThan(narrow.low);
    expect(wide.high).toBeGreaterThan(narrow.high);
  });

  it('skips resamples without a ratio, and gives no interval when more than 10% have none', () => {
    // The current figure exists only when the resample holds the one answered case: (4/5)^5 = 33% miss it.
    type Flagged = { value: number; answered: boolean };
    const flagged: Flagged[] = [1, 2, 3, 4, 5].map((value) => ({ value, answered: value === 3 }));
    const answeredMean: RatioFigure<Flagged> = {
      base: (sample) => sample.reduce((total, item) => total + item.value, 0) / sample.length,
      current: (sample) => {
        const answered = sample.filter((item) => item.answered);
        return answered.length === 0 ? undefined : answered.reduce((total, item) => total + item.value, 0) / answered.length;
      },
    };
    const estimate = bootstrapRatio(flagged, answeredMean, { resamples: 1000 })!;
    expect(estimate.ratio).toBe(1);
    expect(estimate.interval).toBeUndefined();
    expect(estimate.resamples).toBeGreaterThan(550);
    expect(estimate.resamples).toBeLessThan(800);
  });

  it('is undefined without cases or without a ratio of all the cases', () => {
    expect(bootstrapRatio([], medians)).toBeUndefined();
    expect(bootstrapRatio([{ base: 0, current: 1 }], medians)).toBeUndefined();
    expect(() => bootstrapRatio(cases, medians, { resamples: 0 })).toThrow('Expected `resamples` to be an integer >= 1, got `0` (number)');
  });
});
