import type { ErrorType } from '../records/attempt-record.ts';

/**
 * The figures for one (target, prompt) pair, over every dataset of the run. A "request" is a
 * slot: one (case, repeat) that may have been attempted several times; a case is (dataset, id),
 * so `q1` of two datasets is two slots. A figure we cannot know is `undefined` (an empty cell),
 * never 0 or NaN. Every key is present so a report can list them all.
 */
export type TargetSummary = {
  target: string;
  prompt: string;
  /** Slots sent (at least one attempt). */
  requests: number;
  /**
   * Slots planned but never sent: the run was stopped (Ctrl-C, budget, a stopped target) before
   * them. 0 when the plan is not known.
   */
  notSent: number;
  /** Slots whose last attempt succeeded. */
  ok: number;
  /** ok / requests; undefined when nothing was sent. */
  successRate: number | undefined;
  successRateCiLow: number | undefined;
  successRateCiHigh: number | undefined;
  /** Slots whose first attempt succeeded / requests: success without the retry policy's help. */
  firstAttemptSuccessRate: number | undefined;
  /** Every attempt, retries included. */
  attempts: number;
  /** Slots that ended without an answer (requests - ok). */
  unanswered: number;
  /** Error types of the slots that ended in an error. */
  errorCounts: Partial<Record<ErrorType, number>>;

  // Timing over every successful attempt; a failed attempt's timing is never mixed in.
  ttftP50Ms: number | undefined;
  ttftP90Ms: number | undefined;
  ttftP99Ms: number | undefined;
  ttftMeanMs: number | undefined;
  e2eP50Ms: number | undefined;
  e2eP90Ms: number | undefined;
  e2eP99Ms: number | undefined;
  outputTpsP50: number | undefined;
  outputTpsMean: number | undefined;
  /** Median over attempts of each attempt's median gap between output chunks. */
  interChunkP50Ms: number | undefined;

  // Usage and cost over every attempt, failed ones included: they may have been paid for.
  inputTokensTotal: number | undefined;
  outputTokensTotal: number | undefined;
  /** True when some counts come from a local tokenizer rather than the provider. */
  tokensEstimated: boolean;
  costUsdTotal: number | undefined;
  costPer1kRequestsUsd: number | undefined;

  // Quality over answered slots only: an infrastructure failure is not a wrong answer.
  /** Answered slots that were scored. */
  scored: number;
  passed: number;
  scoreMean: number | undefined;
  /** passed / scored. */
  passRate: number | undefined;
  passRateCiLow: number | undefined;
  passRateCiHigh: number | undefined;
};
