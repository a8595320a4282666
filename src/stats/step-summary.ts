import type { ErrorType } from '../records/attempt-record.ts';
import type { PercentileEstimate } from './percentile-interval.ts';

/**
 * The figures of one step (or one turn of a conversation) of the multi-call cases of one
 * (target, prompt): its attempts' records, the case as the unit. A step is decided, for each
 * (case, repeat), by its latest attempt, as a resumed run settles a slot. Unknown is undefined.
 */
export type StepSummary = {
  target: string;
  prompt: string;
  /** The step's name, or the turn's, as the dataset names it (user text: escape it). */
  step: string;
  /** A step of a pipeline, or a turn of a conversation; undefined when no case's own record said. */
  kind: 'pipeline' | 'conversation' | undefined;
  /** The target the step was sent to when not the pair's own (the step's `target:`, or `steps:`). */
  stepTarget: string | undefined;
  /** Cases with at least one attempt of the step. */
  cases: number;
  /** (case, repeat) of the step with at least one attempt. */
  requests: number;
  /** Every attempt, retries included. */
  attempts: number;
  /** Requests of the step that ended without an answer. */
  failures: number;
  /** Those failures by error type. */
  errorCounts: Partial<Record<ErrorType, number>>;
  /** Answered requests with a verdict on the step's own scorers. */
  scored: number;
  passed: number;
  /**
   * Mean over cases of the share of their repeats whose step passed, an unanswered one counted as
   * failed; over the cases whose step has scorers. Undefined when none has.
   */
  passRate: number | undefined;
  passRateCiLow: number | undefined;
  passRateCiHigh: number | undefined;
  /** The cases passRate is over. */
  passRateCases: number;
  /** Over every answered attempt of the step, with the order-statistic interval (or the n it needs). */
  ttftP50Ms: PercentileEstimate | undefined;
  e2eP50Ms: PercentileEstimate | undefined;
  /** Mean output tokens of the step's answered attempts. */
  outputTokensMean: number | undefined;
  /** Every attempt's cost, summed (unknown once an answered one lacks it). */
  costUsdTotal: number | undefined;
  /** costUsdTotal over the step's runs (each case and repeat once), retries included: what one run of the step costs. */
  costPerCaseUsd: number | undefined;
};

/**
 * A multi-call case's whole, per (target, prompt): from the cases' own records (`pipeline`). The
 * main summary row holds the same pipeline view (pass rate, TTFT, e2e = critical path); this adds
 * what only a pipeline has.
 */
export type PipelineSummary = {
  target: string;
  prompt: string;
  kind: 'pipeline' | 'conversation';
  /** (case, repeat) with a case record. */
  requests: number;
  answered: number;
  /** The critical path (timing.e2eMs), median over answered cases, with its interval. */
  criticalPathP50Ms: PercentileEstimate | undefined;
  /** The steps' e2e summed (pipeline.sumOfStepsMs), median over answered cases. */
  sumOfStepsP50Ms: PercentileEstimate | undefined;
  /** Mean over requests of the whole case's cost (every attempt of every step); unknown when some answered one lacks it. */
  costPerCaseUsd: number | undefined;
  /**
   * The final output's pass rate over these cases alone (a run may mix them with single calls,
   * which the summary row counts too): mean over cases of the share of repeats that passed, an
   * unanswered one counted as failed; undefined when no case has scorers on its final output.
   */
  passRate: number | undefined;
  passRateCiLow: number | undefined;
  passRateCiHigh: number | undefined;
  passRateCases: number;
  /** Mean requests (attempts) sent per case, retries included. */
  attemptsPerCase: number | undefined;
  /** Unanswered cases by the step whose failure left them so (pipeline.failedStep). */
  failedSteps: Record<string, number>;
};
