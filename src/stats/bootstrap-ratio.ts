import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { checkLevel } from './binomial.ts';
import type { Interval } from './proportion-interval.ts';
import { percentile } from './percentile.ts';

export type RatioEstimate = {
  /** current / base over all the cases. */
  ratio: number;
  /**
   * Undefined under `minimumCases` cases with the figure on both sides, or when more than 10% of
   * the resamples had no ratio (a figure undefined). A bound may be 0 (the current figure 0) or
   * Infinity (the base's 0 in a resample).
   */
  interval: Interval | undefined;
  /** The resamples that gave a ratio, the ones the interval is made of. */
  resamples: number;
  /** The cases with the figure on both sides: the n the interval is over. */
  cases: number;
};

/** log(ratio) is kept within ±700 (exp(±700) is still finite), so that 0 and ∞ take part in the percentiles without ∞ − ∞. */
const largestLog = 700;

export type RatioFigure<T> = {
  base(sample: readonly T[]): number | undefined;
  current(sample: readonly T[]): number | undefined;
};

/**
 * How many times the baseline's figure is the current one (TTFT median, cost per passed answer),
 * with a case-paired bootstrap interval: cases are drawn with replacement, each drawn case
 * bringing both its runs' data, so that what the two runs share (a hard case is slow for both)
 * cancels. The interval is the percentile interval of log(current / base) over the resamples,
 * taken back with exp, so it is symmetric in the ratio and its inverse. Seeded (pure-rand,
 * `seed` default 1): the same cases and seed give the same interval. `resamples` default 2000,
 * `level` 0.95. The figures are given one array that is reused between resamples: read it, do
 * not keep it. Undefined when there are no cases, or the ratio of all the cases is undefined
 * (a figure undefined, or the base 0 and the current figure not). Known zeros are ratios: 0 / 0
 * is 1 (nothing changed), 0 / x is 0, and in a resample x / 0 is ∞. Below `minimumCases`
 * (default 6, what a median's interval needs) cases with the figure on both sides there is no
 * interval: with one case every resample is that case, and its "interval" a point.
 */
export function bootstrapRatio<T>(cases: readonly T[], figure: RatioFigure<T>, options: BootstrapOptions = {}): RatioEstimate | undefined {
  return bootstrapRatios(cases, [figure], options)[0];
}

export type BootstrapOptions = { seed?: number; resamples?: number; level?: number; minimumCases?: number };

/**
 * Several ratios of the same cases, each as `bootstrapRatio` gives it alone (the same seed draws
 * the same resamples), from one drawing of the resamples: what a comparison's five ratios need.
 */
export function bootstrapRatios<T>(cases: readonly T[], figures: ReadonlyArray<RatioFigure<T>>, options: BootstrapOptions = {}): Array<RatioEstimate | undefined> {
  const seed = options.seed ?? 1;
  const resamples = options.resamples ?? 2000;
  const level = options.level ?? 0.95;
  checkLevel(level);
  if (!(Number.isInteger(resamples) && resamples >= 1)) throw new RangeError(`Expected \`resamples\` to be an integer >= 1, got \`${resamples}\` (${typeof resamples})`);
  if (!Number.isInteger(seed)) throw new RangeError(`Expected \`seed\` to be an integer, got \`${seed}\` (${typeof seed})`);
  const count = cases.length;
  const results: Array<RatioEstimate | undefined> = [];
  // The figures that get an interval, each with the log ratios of its resamples.
  const sampled: Array<{ index: number; figure: RatioFigure<T>; ratio: number; paired: number; logs: number[] }> = [];
  for (const [index, figure] of figures.entries()) {
    const ratio = count === 0 ? undefined : ratioOf(cases, figure);
    if (ratio === undefined || ratio === Infinity) {
      results.push(undefined);
      continue;
    }
    const paired = cases.filter((item) => figure.base([item]) !== undefined && figure.current([item]) !== undefined).length;
    results.push({ ratio, interval: undefined, resamples: 0, cases: paired });
    if (paired >= (options.minimumCases ?? 6)) sampled.push({ index, figure, ratio, paired, logs: [] });
  }
  if (sampled.length === 0) return results;
  const generator = xoroshiro128plus(seed);
  const sample = new Array<T>(count);
  for (let resample = 0; resample < resamples; resample++) {
    for (let index = 0; index < count; index++) sample[index] = cases[uniformInt(generator, 0, count - 1)]!;
    for (const { figure, logs } of sampled) {
      const value = ratioOf(sample, figure);
      if (value !== undefined && value >= 0) logs.push(Math.min(largestLog, Math.max(-largestLog, Math.log(value))));
    }
  }
  const tail = (1 - level) / 2;
  const back = (log: number) => (log <= -largestLog ? 0 : log >= largestLog ? Infinity : Math.exp(log));
  for (const { index, ratio, paired, logs } of sampled) {
    const interval = resamples - logs.length > 0.1 * resamples ? undefined : { low: back(percentile(logs, 100 * tail)!), high: back(percentile(logs, 100 * (1 - tail))!) };
    results[index] = { ratio, interval, resamples: logs.length, cases: paired };
  }
  return results;
}

function ratioOf<T>(sample: readonly T[], figure: RatioFigure<T>): number | undefined {
  const base = figure.base(sample);
  const current = figure.current(sample);
  if (base === undefined || current === undefined || Number.isNaN(base) || Number.isNaN(current)) return undefined;
  if (base === 0) return current === 0 ? 1 : Infinity;
  return current / base;
}
