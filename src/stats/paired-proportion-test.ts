import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import { binomialBound, binomialTail, checkLevel } from './binomial.ts';
import type { PairedCounts } from './paired-difference.ts';
import type { Interval } from './proportion-interval.ts';

/**
 * The alternative hypothesis, about current − baseline: 'less' asks "did it get worse?",
 * 'greater' "did it get better?", 'two-sided' "did it change?".
 */
export type Alternative = 'two-sided' | 'less' | 'greater';

export type PairedProportionTest = {
  pairs: number;
  baselineOnly: number;
  currentOnly: number;
  /** Current pass rate − baseline pass rate = (currentOnly − baselineOnly) / pairs. */
  difference: number;
  /**
   * On the difference, at `level`. One-sided, the open side is the end of the scale: 'less' gives
   * [−1, upper bound], 'greater' [lower bound, 1].
   */
  interval: Interval;
  /** Of H0: difference = 0, against the alternative. */
  pValue: number;
  method: 'exact' | 'mid-p';
};

/**
 * Did the pass rate change between two runs of the same cases, one repeat per case? McNemar's
 * test: only the discordant cases (passed on one side only) carry evidence, and given their
 * number d, the cases only the current run passed are Binomial(d, π), with π = ½ when nothing
 * changed. The exact test sums that binomial; mid-p (`midP`) counts half of the observed outcome,
 * which keeps the false-alarm rate near the level on average instead of well below it at small d.
 *
 * The interval inverts the same test: it is the Clopper–Pearson interval for π (exact or mid-p,
 * each tail (1 − level)/2 two-sided, 1 − level one-sided), mapped to the difference with the
 * observed discordant share ψ = d / pairs as (2π − 1)·ψ. So "the interval excludes 0" and
 * "pValue < 1 − level" always agree. With no discordant case the difference is 0, p = 1, and the
 * interval is ±(Wilson upper bound of 0 discordant of `pairs`) at the level. Undefined without pairs.
 */
export function pairedProportionTest(counts: PairedCounts, options: { alternative?: Alternative; level?: number; midP?: boolean } = {}): PairedProportionTest | undefined {
  const alternative = options.alternative ?? 'two-sided';
  const level = options.level ?? 0.95;
  const midP = options.midP ?? false;
  checkLevel(level);
  for (const [name, count] of Object.entries(counts)) {
    if (!(Number.isInteger(count) && count >= 0)) throw new RangeError(`Expected \`${name}\` to be an integer >= 0, got \`${count}\` (${typeof count})`);
  }
  const pairs = counts.both + counts.onlyBaseline + counts.onlyOther + counts.neither;
  if (pairs === 0) return undefined;
  const baselineOnly = counts.onlyBaseline;
  const currentOnly = counts.onlyOther;
  const discordant = baselineOnly + currentOnly;
  const alpha = 1 - level;
  const tail = alternative === 'two-sided' ? alpha / 2 : alpha;
  const common = { pairs, baselineOnly, currentOnly, difference: (currentOnly - baselineOnly) / pairs, method: midP ? 'mid-p' : 'exact' } as const;
  if (discordant === 0) {
    // Wilson's upper bound for 0 of n is z²/(n + z²): how large the discordant share, and so
    // the difference, could still be.
    const z = normalQuantile(1 - tail, 0, 1);
    const bound = (z * z) / (pairs + z * z);
    return { ...common, pValue: 1, interval: { low: alternative === 'less' ? -1 : -bound, high: alternative === 'greater' ? 1 : bound } };
  }
  const share = discordant / pairs;
  const toDifference = (rate: number): number => (2 * rate - 1) * share;
  const lowerTail = binomialTail(currentOnly, discordant, 0.5, 'lower', midP);
  const upperTail = binomialTail(currentOnly, discordant, 0.5, 'upper', midP);
  // Each bound is found by bisection that first evaluates the same tail at ½ as the p-value.
  const upperBound = (): number => toDifference(binomialBound(currentOnly, discordant, tail, 'upper', { midP, pivot: 0.5 }));
  const lowerBound = (): number => toDifference(binomialBound(currentOnly, discordant, tail, 'lower', { midP, pivot: 0.5 }));
  switch (alternative) {
    case 'less':
      return { ...common, pValue: lowerTail, interval: { low: -1, high: upperBound() } };
    case 'greater':
      return { ...common, pValue: upperTail, interval: { low: lowerBound(), high: 1 } };
    case 'two-sided':
      return { ...common, pValue: Math.min(1, 2 * Math.min(lowerTail, upperTail)), interval: { low: lowerBound(), high: upperBound() } };
  }
}
