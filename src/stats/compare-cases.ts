import { bootstrapRatio } from './bootstrap-ratio.ts';
import type { CasePair, CaseFlip, PairComparison, RateChange, RatioChange, Verdict } from './case-comparison.ts';
import { failureShare, passShare, type CaseOutcome } from './case-outcomes.ts';
import { minimumDetectableDifference, minimumDetectableMean } from './gate-power.ts';
import { holmAdjust } from './holm.ts';
import { pairedMeanTest } from './paired-mean-test.ts';
import { pairedProportionTest } from './paired-proportion-test.ts';
import { percentile } from './percentile.ts';
import { proportionInterval } from './proportion-interval.ts';

export type CompareOptions = {
  /** Two-sided significance level of every test and 1 − the level of every interval. */
  alpha?: number;
  /** Mid-p McNemar instead of exact (one repeat). */
  midP?: boolean;
  /** The bootstrap's seed and size: the same runs and seed give the same intervals. */
  seed?: number;
  resamples?: number;
};

type Names = Pick<PairComparison, 'target' | 'prompt' | 'baseTarget' | 'basePrompt'>;

/**
 * One (target, prompt) against its base on the cases both saw. Quality is tested case by case:
 * McNemar with one repeat, a paired t on the per-case pass shares with several; latency, speed
 * and cost as ratios with a case-resampling bootstrap interval. Verdicts here are unadjusted:
 * `adjustForMultipleComparisons` applies Holm's correction across a report's comparisons.
 */
export function compareCases(names: Names, pairs: readonly CasePair[], options: CompareOptions = {}): PairComparison {
  const alpha = options.alpha ?? 0.05;
  const repeats = Math.max(1, ...pairs.flatMap((pair) => [pair.base.slots, pair.current.slots]));
  const rate = (share: (outcome: CaseOutcome) => number | undefined, higherIsBetter: boolean) => rateChange(pairs, share, higherIsBetter, repeats, alpha, options.midP ?? false);
  const ratioOf = (figure: (sample: readonly CaseOutcome[]) => number | undefined, higherIsBetter: boolean) =>
    ratioChange(pairs, figure, higherIsBetter, alpha, options);
  const median = (values: (outcome: CaseOutcome) => number[]) => (sample: readonly CaseOutcome[]) => percentile(sample.flatMap(values), 50);
  return {
    ...names,
    cases: pairs.length,
    repeats,
    passRate: rate((outcome) => passShare(outcome), true),
    passRateAnswered: rate((outcome) => passShare(outcome, { answeredOnly: true }), true),
    failureRate: rate(failureShare, false),
    ttftP50: ratioOf(median((outcome) => outcome.ttftMs), false),
    e2eP50: ratioOf(median((outcome) => outcome.e2eMs), false),
    outputTpsP50: ratioOf(median((outcome) => outcome.outputTps), true),
    costPerRequest: ratioOf((sample) => costPer(sample, (outcome) => outcome.slots), false),
    costPerPassed: ratioOf((sample) => costPer(sample, (outcome) => outcome.passed), false),
    flips: flipsOf(pairs),
    pairs: [...pairs],
  };
}

/**
 * Holm's step-down correction across the pass-rate and failure-rate tests of several comparisons
 * (one report asks one family of questions): each verdict follows its adjusted p-value.
 */
export function adjustForMultipleComparisons(comparisons: PairComparison[], options: { alpha?: number } = {}): PairComparison[] {
  const alpha = options.alpha ?? 0.05;
  for (const figure of ['passRate', 'passRateAnswered', 'failureRate'] as const) {
    const tested = comparisons.filter((comparison) => comparison[figure].pValue !== undefined);
    const adjusted = holmAdjust(tested.map((comparison) => comparison[figure].pValue!));
    tested.forEach((comparison, index) => {
      const change = comparison[figure];
      change.adjustedPValue = adjusted[index]!;
      change.verdict = rateVerdict(change.difference, change.adjustedPValue, alpha, figure !== 'failureRate');
    });
  }
  return comparisons;
}

function rateChange(pairs: readonly CasePair[], share: (outcome: CaseOutcome) => number | undefined, higherIsBetter: boolean, repeats: number, alpha: number, midP: boolean): RateChange {
  const shares = pairs.flatMap((pair) => {
    const base = share(pair.base);
    const current = share(pair.current);
    return base === undefined || current === undefined ? [] : [{ base, current }];
  });
  const cases = shares.length;
  const meanOf = (values: number[]) => (values.length === 0 ? undefined : values.reduce((sum, value) => sum + value, 0) / values.length);
  const base = meanOf(shares.map((pair) => pair.base));
  const current = meanOf(shares.map((pair) => pair.current));
  const empty = { cases, base, current, difference: undefined, interval: undefined, pValue: undefined, adjustedPValue: undefined, minimumDetectable: undefined };
  if (repeats === 1) {
    const counts = { both: 0, onlyBaseline: 0, onlyOther: 0, neither: 0 };
    for (const pair of shares) {
      if (pair.base === 1 && pair.current === 1) counts.both++;
      else if (pair.base === 1) counts.onlyBaseline++;
      else if (pair.current === 1) counts.onlyOther++;
      else counts.neither++;
    }
    const method = midP ? 'mid-p McNemar' : 'exact McNemar';
    const test = pairedProportionTest(counts, { level: 1 - alpha, midP });
    if (!test) return { ...empty, method, verdict: 'not enough data' };
    // Sized on the discordant share seen, or, with none, on the most it could plausibly be.
    const discordant = test.baselineOnly + test.currentOnly;
    const discordantShare = discordant > 0 ? discordant / cases : proportionInterval(0, cases)!.high;
    return {
      ...empty,
      difference: test.difference,
      interval: test.interval,
      pValue: test.pValue,
      adjustedPValue: test.pValue,
      method,
      minimumDetectable: minimumDetectableDifference(cases, discordantShare, { alpha, sided: 2 }),
      verdict: rateVerdict(test.difference, test.pValue, alpha, higherIsBetter),
    };
  }
  const test = pairedMeanTest(
    shares.map((pair) => pair.current - pair.base),
    { level: 1 - alpha },
  );
  if (!test) return { ...empty, method: 'paired t', verdict: 'not enough data' };
  return {
    ...empty,
    difference: test.mean,
    interval: test.interval,
    pValue: test.pValue,
    adjustedPValue: test.pValue,
    method: 'paired t',
    minimumDetectable: test.sd > 0 ? minimumDetectableMean(cases, test.sd, { alpha, sided: 2 }) : undefined,
    verdict: rateVerdict(test.mean, test.pValue, alpha, higherIsBetter),
  };
}

function rateVerdict(difference: number | undefined, pValue: number | undefined, alpha: number, higherIsBetter: boolean): Verdict {
  if (difference === undefined || pValue === undefined) return 'not enough data';
  if (!(pValue < alpha) || difference === 0) return 'no detectable change';
  return difference > 0 === higherIsBetter ? 'better' : 'worse';
}

function ratioChange(pairs: readonly CasePair[], figure: (sample: readonly CaseOutcome[]) => number | undefined, higherIsBetter: boolean, alpha: number, options: CompareOptions): RatioChange {
  const base = figure(pairs.map((pair) => pair.base));
  const current = figure(pairs.map((pair) => pair.current));
  const estimate = bootstrapRatio(pairs, { base: (sample) => figure(sample.map((pair) => pair.base)), current: (sample) => figure(sample.map((pair) => pair.current)) }, { seed: options.seed ?? 1, resamples: options.resamples ?? 2000, level: 1 - alpha });
  const interval = estimate?.interval;
  let verdict: Verdict = 'not enough data';
  if (estimate && interval) {
    const lower = interval.high < 1;
    const higher = interval.low > 1;
    verdict = !lower && !higher ? 'no detectable change' : higher === higherIsBetter ? 'better' : 'worse';
  }
  return { base, current, ratio: estimate?.ratio, interval, verdict };
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
