import { describe, expect, it } from 'vitest';
import { bootstrapRatio, bootstrapRatios, type RatioFigure } from './bootstrap-ratio.ts';
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

  it('gives several figures from one drawing exactly what each gives alone, a figure without an interval among them', () => {
    const few: RatioFigure<Case> = { base: (sample) => (sample.length > 0 ? 1 : undefined), current: () => undefined };
    const together = bootstrapRatios(cases, [medians, few, means], { seed: 3 });
    expect(together).toEqual([bootstrapRatio(cases, medians, { seed: 3 }), undefined, bootstrapRatio(cases, means, { seed: 3 })]);
    expect(together[2]!.interval).toBeDefined();
  });

  it('gives the same interval for the same seed and another for another seed', () => {
    const first = bootstrapRatio(cases, means, { seed: 7 });
    expect(bootstrapRatio(cases, means, { seed: 7 })).toEqual(first);
    // Means, not medians: a median takes few values, and two seeds can give the same percentiles of them.
    expect(bootstrapRatio(cases, means, { seed: 8 })!.interval).not.toEqual(first!.interval);
  });

  it('is exactly [1, 1] when the two figures are the same, and [2, 2] when one is twice the other', () => {
    const same: RatioFigure<Case> = { base: medians.base, current: medians.base };
    expect(bootstrapRatio(cases, same)).toEqual({ ratio: 1, interval: { low: 1, high: 1 }, resamples: 2000, cases: 60 });
    const sum = (sample: readonly Case[]) => sample.reduce((total, item) => total + item.base, 0);
    const twice: RatioFigure<Case> = { base: sum, current: (sample) => 2 * sum(sample) };
    expect(bootstrapRatio(cases, twice, { resamples: 300 })).toEqual({ ratio: 2, interval: { low: 2, high: 2 }, resamples: 300, cases: 60 });
  });

  it('is wider at a higher level', () => {
    const narrow = bootstrapRatio(cases, medians, { level: 0.5 })!.interval!;
    const wide = bootstrapRatio(cases, medians, { level: 0.99 })!.interval!;
    expect(wide.low).toBeLessThan(narrow.low);
    expect(wide.high).toBeGreaterThan(narrow.high);
  });

  it('skips resamples without a ratio, and gives no interval when more than 10% have none', () => {
    // The current figure is undefined when a resample draws case 0 twice or more:
    // 1 − 0.9¹⁰ − 10 · 0.1 · 0.9⁹ = 26.4% of resamples of 10 cases.
    type Numbered = { index: number; value: number };
    const numbered: Numbered[] = Array.from({ length: 10 }, (_, index) => ({ index, value: 5 }));
    const mean = (sample: readonly Numbered[]) => sample.reduce((total, item) => total + item.value, 0) / sample.length;
    const touchy: RatioFigure<Numbered> = { base: mean, current: (sample) => (sample.filter((item) => item.index === 0).length > 1 ? undefined : mean(sample)) };
    const estimate = bootstrapRatio(numbered, touchy, { resamples: 1000 })!;
    expect(estimate.ratio).toBe(1);
    expect(estimate.cases).toBe(10);
    expect(estimate.interval).toBeUndefined();
    expect(estimate.resamples).toBeGreaterThan(680);
    expect(estimate.resamples).toBeLessThan(790);
  });

  it('gives no interval under 6 cases with the figure on both sides (minimumCases): one case is not a sample', () => {
    const few = cases.slice(0, 5);
    expect(bootstrapRatio(few, medians)).toEqual({ ratio: median(few.map((item) => item.current))! / median(few.map((item) => item.base))!, interval: undefined, resamples: 0, cases: 5 });
    expect(bootstrapRatio(cases.slice(0, 6), medians)!.interval).toBeDefined();
    expect(bootstrapRatio(few, medians, { minimumCases: 2 })!.interval).toBeDefined();
  });

  it('takes known zeros as ratios: a cut to 0 is 0, 0 in both runs is 1, a base of 0 alone is undefined', () => {
    const zeroCurrent = cases.map((item) => ({ base: item.base, current: 0 }));
    expect(bootstrapRatio(zeroCurrent, means)).toEqual({ ratio: 0, interval: { low: 0, high: 0 }, resamples: 2000, cases: 60 });
    const zeros = cases.map(() => ({ base: 0, current: 0 }));
    expect(bootstrapRatio(zeros, means)).toEqual({ ratio: 1, interval: { low: 1, high: 1 }, resamples: 2000, cases: 60 });
    expect(bootstrapRatio(cases.map((item) => ({ base: 0, current: item.current })), means)).toBeUndefined();
    // Half the cases free in the current run: the interval stays a finite range around the ratio.
    const half = cases.map((item, index) => ({ base: item.base, current: index % 2 === 0 ? 0 : item.current }));
    const interval = bootstrapRatio(half, means)!.interval!;
    expect(interval.low).toBeGreaterThan(0);
    expect(interval.high).toBeLessThan(1.3);
  });

  it('is undefined without cases or without a ratio of all the cases', () => {
    expect(bootstrapRatio([], medians)).toBeUndefined();
    expect(bootstrapRatio([{ base: 0, current: 1 }], medians)).toBeUndefined();
    expect(() => bootstrapRatio(cases, medians, { resamples: 0 })).toThrow('Expected `resamples` to be an integer >= 1, got `0` (number)');
  });
});
