import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import { binomialBound, binomialTail, checkLevel } from './binomial.ts';
import { tangoInterval } from './tango-interval.ts';
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
  intervalMethod: "Tango's score interval, adjusted to agree with the exact test";
  /**
   * How the score interval was moved to agree with the test: 'widened to 0' where the test did
   * not reject but the score interval excluded 0; 'to the exact bound' where the test rejected but
   * the score interval held 0 (the end on 0's side is then the exact test's own, see below).
   */
  adjustment: 'none' | 'widened to 0' | 'to the exact bound';
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
 * The interval is Tango's score interval (see tangoInterval): it lets the discordant share vary
 * with the difference, so it covers about `level` where mapping a binomial interval by the
 * observed share covered 62–86%. Its test at 0 is the asymptotic McNemar test, not the exact
 * one, so where they disagree the interval is moved to agree with the exact (or mid-p) p-value:
 * widened to reach 0 when the exact test does not reject, or, when it rejects and the score
 * interval holds 0, its end on 0's side becomes the exact conditional bound (the Clopper–Pearson
 * bound for π, exact or mid-p, mapped by the observed discordant share as (2π − 1)·d/pairs), which
 * excludes 0 by construction. So "the interval excludes 0" and "pValue < 1 − level" always agree.
 * Over every split b + c ≤ 200 of 200 pairs, two-sided 95%: see the counts in the test file.
 * With no discordant case the score interval is ±z²/(n + z²), Wilson's bound for 0 of n.
 * Undefined without pairs.
 */
/**
 * Half a pair, as Yates' correction: enough to keep the drop gate at or under α with 30 cases
 * (3.3–5.3% where the uncorrected score test gave 5.8–6.9%, calibration §2b), while the interval
 * still covers 95.2–96.9% (a whole pair, Edwards' for McNemar, over-covers to 97.5%).
 */
const CONTINUITY = 0.5;

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
  const difference = (currentOnly - baselineOnly) / pairs;
  const lowerTail = discordant === 0 ? 1 : binomialTail(currentOnly, discordant, 0.5, 'lower', midP);
  const upperTail = discordant === 0 ? 1 : binomialTail(currentOnly, discordant, 0.5, 'upper', midP);
  const pValue = alternative === 'less' ? lowerTail : alternative === 'greater' ? upperTail : Math.min(1, 2 * Math.min(lowerTail, upperTail));
  const z = normalQuantile(1 - tail, 0, 1);
  // With the exact test, the score interval takes a continuity correction: the drop gate
  // tests at its margin on the interval's bound, where the uncorrected score test is
  // anti-conservative with few cases (6–7% false alarms at 30 cases for a 5% gate).
  const continuity = midP ? 0 : CONTINUITY;
  const score = tangoInterval({ currentOnly, baselineOnly, pairs }, alternative === 'less' ? Infinity : z, alternative === 'greater' ? Infinity : z, continuity);
  // The exact conditional bound, on the side of 0, for when the test rejects and the score interval does not.
  const exactBound = (side: 'upper' | 'lower'): number =>
    (2 * binomialBound(currentOnly, discordant, tail, side, { midP, pivot: 0.5 }) - 1) * (discordant / pairs);
  const rejects = pValue < alpha;
  let { low, high } = score;
  let adjustment: PairedProportionTest['adjustment'] = 'none';
  if (!rejects) {
    if (high < 0) [high, adjustment] = [0, 'widened to 0'];
    if (low > 0) [low, adjustment] = [0, 'widened to 0'];
  } else if (difference < 0 && high >= 0) {
    [high, adjustment] = [exactBound('upper'), 'to the exact bound'];
  } else if (difference > 0 && low <= 0) {
    [low, adjustment] = [exactBound('lower'), 'to the exact bound'];
  }
  return {
    pairs,
    baselineOnly,
    currentOnly,
    difference,
    interval: { low, high },
    intervalMethod: "Tango's score interval, adjusted to agree with the exact test",
    adjustment,
    pValue,
    method: midP ? 'mid-p' : 'exact',
  };
}
