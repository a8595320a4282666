import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { checkLevel } from './binomial.ts';
import type { Interval } from './proportion-interval.ts';
import { percentile } from './percentile.ts';

export type RatioEstimate = {
  /** current / base over all the cases. */
  ratio: number;
  /** Undefined when more than 10% of the resamples had no ratio (a figure undefined, 0 or not finite). */
  interval: Interval | undefined;
  /** The resamples that gave a ratio, the ones the interval is made of. */
  resamples: number;
};

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
 * (a figure undefined, or the base 0).
 */
export function bootstrapRatio<T>(cases: readonly T[], figure: RatioFigure<T>, options: { seed?: number; resamples?: number; level?: number } = {}): RatioEstimate | undefined {
  const seed = options.seed ?? 1;
  const resamples = options.resamples ?? 2000;
  const level = options.level ?? 0.95;
  checkLevel(level);
  if (!(Number.isInteger(resamples) && resamples >= 1)) throw new RangeError(`Expected \`resamples\` to be an integer >= 1, got \`${resamples}\` (${typeof resamples})`);
  if (!Number.isInteger(seed)) throw new RangeError(`Expected \`seed\` to be an integer, got \`${seed}\` (${typeof seed})`);
  const count = cases.length;
  if (count === 0) return undefined;
  const ratio = ratioOf(cases, figure);
  if (ratio === undefined) return undefined;
  const generator = xoroshiro128plus(seed);
  const sample = new Array<T>(count);
  const logs: number[] = [];
  for (let resample = 0; resample < resamples; resample++) {
    for (let index = 0; index < count; index++) sample[index] = cases[uniformInt(generator, 0, count - 1)]!;
    const value = ratioOf(sample, figure);
    if (value !== undefined && value > 0) {
      const log = Math.log(value);
      if (Number.isFinite(log)) logs.push(log);
    }
  }
  const tail = (1 - level) / 2;
  const interval = resamples - logs.length > 0.1 * resamples ? undefined : { low: Math.exp(percentile(logs, 100 * tail)!), high: Math.exp(percentile(logs, 100 * (1 - tail))!) };
  return { ratio, interval, resamples: logs.length };
}

function ratioOf<T>(sample: readonly T[], figure: RatioFigure<T>): number | undefined {
  const base = figure.base(sample);
  const current = figure.current(sample);
  if (base === undefined || current === undefined || base === 0) return undefined;
  const ratio = current / base;
  return Number.isFinite(ratio) ? ratio : undefined;
}
