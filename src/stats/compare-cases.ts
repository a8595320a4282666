import { bootstrapRatios } from './bootstrap-ratio.ts';
import type { CasePair, CaseFlip, PairComparison, RateChange, RatioChange, Verdict } from './case-comparison.ts';
import { failureShare, passShare, type CaseOutcome } from './case-outcomes.ts';
import { minimumDetectableChange, minimumDetectableMean } from './gate-power.ts';
import { holmAdjust } from './holm.ts';
import { mean } from './mean.ts';
import { caseFlipSd, pairedMeanTest } from './paired-mean-test.ts';
import { mostRepeats, pairedCounts, pairedShares } from './paired-shares.ts';
import { pairedProportionTest } from './paired-proportion-test.ts';
import { selectPercentile } from './select-percentile.ts';
import { proportionInterval } from './proportion-interval.ts';

export type CompareOptions = {
  /** Two-sided significance level of every test and 1 − the level of every interval. */
  alpha?: number;
  /** Mid-p McNemar instead of exact (one repeat). */
  midP?: boolean;
  /** The bootstrap's seed and size: the same runs and seed give the same intervals. */
  seed?: number;
  resamples?: number;
  /**
   * Size the smallest change the pass-rate test could detect (default true): an exact power
   * search, some milliseconds per comparison; a simulation of thousands of comparisons leaves it out.
   */
  minimumDetectable?: boolean;
};

type Names = Pick<PairComparison, 'target' | 'prompt' | 'baseTarget' | 'basePrompt'>;

type RateFigure = 'passRate' | 'passRateAnswered' | 'failureRate';

/** Each rate a comparison tests: the case's share, and which way is better. */
const rateFigures: Record<RateFigure, { share: (outcome: CaseOutcome) => number | undefined; higherIsBetter: boolean }> = {
  passRate: { share: (outcome) => passShare(outcome), higherIsBetter: true },
  passRateAnswered: { share: (outcome) => passShare(outcome, { answeredOnly: true }), higherIsBetter: true },
  failureRate: { share: failureShare, higherIsBetter: false },
};

/**
 * One (target, prompt) against its base on the cases both saw. Quality is tested case by case:
 * McNemar with one repeat, a paired t on the per-case pass shares with several; latency, speed
 * and cost as ratios with a case-resampling bootstrap interval. Verdicts here are unadjusted:
 * `adjustForMultipleComparisons` applies Holm's correction across a report's comparisons.
 */
export function compareCases(names: Names, pairs: readonly CasePair[], options: CompareOptions = {}): PairComparison {
  const alpha = options.alpha ?? 0.05;
  const repeats = mostRepeats(pairs);
  // Only the pass rate's smallest detectable change is reported: the others would cost as much for nothing.
  const rate = (figure: RateFigure) => rateChange(pairs, figure, repeats, alpha, options.midP ?? false, figure === 'passRate' && (options.minimumDetectable ?? true));
  const [ttftP50, e2eP50, outputTpsP50, costPerRequest, costPerPassed] = ratioChanges(pairs, [
    { figure: medianOf((outcome) => outcome.ttftMs), higherIsBetter: false },
    { figure: medianOf((outcome) => outcome.e2eMs), higherIsBetter: false },
    { figure: medianOf((outcome) => outcome.outputTps), higherIsBetter: true },
    { figure: (sample) => costPer(sample, (outcome) => outcome.slots), higherIsBetter: false },
    { figure: (sample) => costPer(sample, (outcome) => outcome.passed), higherIsBetter: false },
  ], alpha, options) as [RatioChange, RatioChange, RatioChange, RatioChange, RatioChange];
  return {
    ...names,
    cases: pairs.length,
    repeats,
    passRate: rate('passRate'),
    passRateAnswered: rate('passRateAnswered'),
    failureRate: rate('failureRate'),
    ttftP50,
    e2eP50,
    outputTpsP50,
    costPerRequest,
    costPerPassed,
    flips: flipsOf(pairs),
    pairs: [...pairs],
  };
}

/**
 * Holm's step-down correction across the pass-rate and failure-rate tests of several comparisons
 * (one report asks one family of questions), with intervals that say the same as the verdicts.
 * The comparison ranked k-th (from 1) of m by raw p is tested at α/(m − k + 1), and its interval
 * is recomputed at level 1 − α/(m − k + 1), the level of that step. The verdict follows the
 * adjusted p (< α: better or worse). Step-down stops at the first step that does not reject: a
 * later comparison whose own step would have rejected is not rejected, and its interval is
 * widened to reach 0. Tied p-values are all tested at the first tied step's level. So "the
 * interval excludes 0" and "adjusted p < α" always agree.
 */
export function adjustForMultipleComparisons(comparisons: PairComparison[], options: { alpha?: number } = {}): PairComparison[] {
  const alpha = options.alpha ?? 0.05;
  for (const figure of Object.keys(rateFigures) as RateFigure[]) {
    const tested = comparisons.filter((comparison) => comparison[figure].pValue !== undefined);
    const pValues = tested.map((comparison) => comparison[figure].pValue!);
    const adjusted = holmAdjust(pValues);
    const order = pValues.map((_, index) => index).sort((a, b) => pValues[a]! - pValues[b]! || a - b);
    let stepRank = 0;
    order.forEach((index, rank) => {
      const comparison = tested[index]!;
      const change = comparison[figure];
      // Tied p-values share the first tied step's level: the same counts give the same interval.
      if (rank > 0 && pValues[index]! !== pValues[order[rank - 1]!]!) stepRank = rank;
      const stepAlpha = alpha / (tested.length - stepRank);
      const step = tested.length > 1 ? rateChange(comparison.pairs, figure, comparison.repeats, stepAlpha, change.method === 'mid-p McNemar', change.minimumDetectable !== undefined) : change;
      const interval = step.interval!;
      const excludesZero = interval.low > 0 || interval.high < 0;
      // Adjusted p < α means every step up to this one rejected, this one too, so the step's
      // interval excludes 0; the second condition only guards rounding at the boundary.
      const rejected = adjusted[index]! < alpha && excludesZero;
      comparison[figure] = {
        ...change,
        interval: rejected ? interval : { low: Math.min(0, interval.low), high: Math.max(0, interval.high) },
        level: 1 - stepAlpha,
        adjustedPValue: adjusted[index]!,
        minimumDetectable: step.minimumDetectable,
        verdict: rejected ? rateVerdict(change.difference, 0, alpha, rateFigures[figure].higherIsBetter) : 'no detectable change',
      };
    });
  }
  return comparisons;
}

function rateChange(pairs: readonly CasePair[], figure: RateFigure, repeats: number, alpha: number, midP: boolean, sized: boolean): RateChange {
  const { share, higherIsBetter } = rateFigures[figure];
  const shares = pairedShares(pairs, share);
  const cases = shares.length;
  const base = mean(shares.map((pair) => pair.base));
  const current = mean(shares.map((pair) => pair.current));
  const level = 1 - alpha;
  const empty = { cases, base, current, difference: undefined, interval: undefined, level, pValue: undefined, adjustedPValue: undefined, minimumDetectable: undefined };
  if (repeats === 1) {
    const counts = pairedCounts(shares);
    const method = midP ? 'mid-p McNemar' : 'exact McNemar';
    const test = pairedProportionTest(counts, { level, midP });
    if (!test) return { ...empty, method, verdict: 'not enough data' };
    // Sized on the discordant share seen, or, with none, on the most it could plausibly be; a
    // change larger than that share brings its own discordant cases.
    const discordant = test.baselineOnly + test.currentOnly;
    const discordantShare = discordant > 0 ? discordant / cases : proportionInterval(0, cases)!.high;
    return {
      ...empty,
      difference: test.difference,
      interval: test.interval,
      pValue: test.pValue,
      adjustedPValue: test.pValue,
      method,
      minimumDetectable: sized ? minimumDetectableChange(cases, discordantShare, { alpha, sided: 2, midP }) : undefined,
      verdict: rateVerdict(test.difference, test.pValue, alpha, higherIsBetter),
    };
  }
  const test = pairedMeanTest(
    shares.map((pair) => pair.current - pair.base),
    { level },
  );
  if (!test) return { ...empty, method: 'paired t', verdict: 'not enough data' };
  return {
    ...empty,
    difference: test.mean,
    // A difference of shares lies in −1..1: the t interval of a few cases can reach past it.
    interval: { low: Math.max(-1, test.interval.low), high: Math.min(1, test.interval.high) },
    pValue: test.pValue,
    adjustedPValue: test.pValue,
    method: 'paired t',
    // At the spread the test used: never less than one case flipping, so never undefined for no spread.
    minimumDetectable: sized ? minimumDetectableMean(cases, Math.max(test.sdUsed, caseFlipSd(cases)), { alpha, sided: 2 }) : undefined,
    verdict: rateVerdict(test.mean, test.pValue, alpha, higherIsBetter),
  };
}

function rateVerdict(difference: number | undefined, pValue: number | undefined, alpha: number, higherIsBetter: boolean): Verdict {
  if (difference === undefined || pValue === undefined) return 'not enough data';
  if (!(pValue < alpha) || difference === 0) return 'no detectable change';
  return difference > 0 === higherIsBetter ? 'better' : 'worse';
}

type RatioFigure = { figure: (sample: readonly CaseOutcome[]) => number | undefined; higherIsBetter: boolean };

/** Each figure's ratio and its case-resampling bootstrap interval, from one drawing of the resamples. */
function ratioChanges(pairs: readonly CasePair[], figures: readonly RatioFigure[], alpha: number, options: CompareOptions): RatioChange[] {
  const estimates = bootstrapRatios(
    pairs,
    figures.map(({ figure }) => ({ base: (sample: readonly CasePair[]) => figure(sample.map((pair) => pair.base)), current: (sample: readonly CasePair[]) => figure(sample.map((pair) => pair.current)) })),
    { seed: options.seed ?? 1, resamples: options.resamples ?? 2000, level: 1 - alpha },
  );
  return figures.map(({ figure, higherIsBetter }, index) => {
    const estimate = estimates[index];
    const interval = estimate?.interval;
    let verdict: Verdict = 'not enough data';
    if (estimate && interval) {
      const lower = interval.high < 1;
      const higher = interval.low > 1;
      verdict = !lower && !higher ? 'no detectable change' : higher === higherIsBetter ? 'better' : 'worse';
    }
    return { base: figure(pairs.map((pair) => pair.base)), current: figure(pairs.map((pair) => pair.current)), ratio: estimate?.ratio, interval, verdict };
  });
}

/**
 * A sample's median of one figure over every repeat of its cases, as `percentile(…, 50)` gives it,
 * by selection in a buffer kept between calls: the bootstrap asks it of thousands of resamples.
 */
function medianOf(values: (outcome: CaseOutcome) => number[]): (sample: readonly CaseOutcome[]) => number | undefined {
  let buffer = new Float64Array(64);
  return (sample) => {
    let length = 0;
    for (const outcome of sample) {
      const figures = values(outcome);
      if (length + figures.length > buffer.length) {
        const larger = new Float64Array(Math.max(2 * buffer.length, length + figures.length));
        larger.set(buffer.subarray(0, length));
        buffer = larger;
      }
      for (const figure of figures) buffer[length++] = figure;
    }
    return selectPercentile(buffer, length, 50);
  };
}

function costPer(sample: readonly CaseOutcome[], per: (outcome: CaseOutcome) => number): number | undefined {
  let cost = 0;
  let known = false;
  let count = 0;
  for (const outcome of sample) {
    if (outcome.costUsd !== undefined) {
      cost += outcome.costUsd;
      known = true;
    }
    count += per(outcome);
  }
  return known && count > 0 ? cost / count : undefined;
}

/** Cases whose majority verdict changed: passing means at least half of the repeats passed. */
function flipsOf(pairs: readonly CasePair[]): PairComparison['flips'] {
  const flips: PairComparison['flips'] = { worse: [], better: [] };
  for (const pair of pairs) {
    const base = passShare(pair.base);
    const current = passShare(pair.current);
    if (base === undefined || current === undefined) continue;
    const flip: CaseFlip = { ...(pair.dataset !== undefined ? { dataset: pair.dataset } : {}), caseId: pair.caseId, base, current };
    if (base >= 0.5 && current < 0.5) flips.worse.push(flip);
    else if (base < 0.5 && current >= 0.5) flips.better.push(flip);
  }
  return flips;
}
