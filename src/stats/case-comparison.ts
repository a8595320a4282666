import type { CaseOutcome } from './case-outcomes.ts';
import type { Interval } from './proportion-interval.ts';

/** One case as both sides of a comparison saw it. */
export type CasePair = { key: string; dataset?: string; caseId: string; base: CaseOutcome; current: CaseOutcome };

/**
 * What a figure's change says at the comparison's α: *better* or *worse* when its test rejects "no
 * change" (after Holm's correction across the comparisons of one report), else *no detectable
 * change*; *not enough data* when there was nothing to test.
 */
export type Verdict = 'better' | 'worse' | 'no detectable change' | 'not enough data';

/** A difference of rates between the paired cases (current − base, as a fraction: 0.05 is 5 points). */
export type RateChange = {
  /** Cases that count on both sides. */
  cases: number;
  base: number | undefined;
  current: number | undefined;
  difference: number | undefined;
  /**
   * At `level`; it excludes 0 exactly when the verdict is better or worse. One repeat: Tango's
   * score interval, adjusted to agree with the exact (or mid-p) McNemar test; several: the paired t.
   */
  interval: Interval | undefined;
  /**
   * The interval's confidence level: 1 − α alone, or at Holm's step for this comparison,
   * 1 − α/(m − k + 1) for the k-th smallest p of m. Undefined only where nothing was compared.
   */
  level: number;
  pValue: number | undefined;
  /** Holm-adjusted across the comparisons of the report; the verdict follows it. */
  adjustedPValue: number | undefined;
  /** `exact McNemar`, `mid-p McNemar` (one repeat) or `paired t` (several repeats). */
  method: string;
  /** The smallest difference this n could have detected, at 80% power, two-sided. */
  minimumDetectable: number | undefined;
  verdict: Verdict;
};

/** A ratio current / base of a figure where lower is better (latency, cost) or higher is (tokens/s). */
export type RatioChange = {
  base: number | undefined;
  current: number | undefined;
  ratio: number | undefined;
  /** Case-paired bootstrap on the log scale, seeded: the same runs give the same interval. */
  interval: Interval | undefined;
  verdict: Verdict;
};

/** A case whose pass share moved: from passing to failing (`worse`) or back (`better`). */
export type CaseFlip = { dataset?: string; caseId: string; base: number; current: number };

/** One (target, prompt) of the current run against its counterpart in the base. */
export type PairComparison = {
  target: string;
  prompt: string;
  baseTarget: string;
  basePrompt: string;
  cases: number;
  /** Largest number of repeats of a case on either side: 1 means McNemar, more the paired t. */
  repeats: number;
  /** Unanswered requests count as failures: the primary analysis. */
  passRate: RateChange;
  /** Over answered requests only: the sensitivity check. */
  passRateAnswered: RateChange;
  /** Share of requests that got no answer. */
  failureRate: RateChange;
  ttftP50: RatioChange;
  e2eP50: RatioChange;
  outputTpsP50: RatioChange;
  costPerRequest: RatioChange;
  costPerPassed: RatioChange;
  flips: { worse: CaseFlip[]; better: CaseFlip[] };
  /** The paired cases, for gates and reports that need more than the figures above. */
  pairs: CasePair[];
};
