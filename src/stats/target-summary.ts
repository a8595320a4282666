import type { ErrorType } from '../records/attempt-record.ts';
import type { PercentileEstimate } from './percentile-interval.ts';

/** The latency and speed percentiles a summary reports, each with its order-statistic interval. */
export type SummaryPercentile =
  | 'ttftP50Ms' | 'ttftP90Ms' | 'ttftP99Ms' | 'e2eP50Ms' | 'e2eP90Ms' | 'e2eP99Ms' | 'outputTpsP50' | 'interChunkP50Ms'
  | 'ttftFromScheduledP50Ms' | 'ttftFromScheduledP99Ms' | 'e2eFromScheduledP50Ms' | 'e2eFromScheduledP99Ms'
  | 'dispatchDelayP50Ms' | 'dispatchDelayP99Ms' | 'tpotP50Ms' | 'tpotP99Ms' | 'itlChunkP50Ms' | 'itlChunkP99Ms'
  | 'ttftColdP50Ms' | 'ttftWarmP50Ms';

/**
 * The figures for one (target, prompt) pair, over every dataset of the run. A "request" is a
 * slot: one (case, repeat) that may have been attempted several times; a case is (dataset, id),
 * so `q1` of two datasets is two slots. A figure we cannot know is `undefined` (an empty cell),
 * never 0 or NaN. Every key is present so a report can list them all.
 *
 * Rates are over CASES: a case's figure is the share of its repeats (answered, or passed), and
 * the rate is the mean of those shares, so ten repeats of one case never weigh like ten cases.
 * Every rate has a 95% interval (`…CiLow`/`…CiHigh`): Wilson over the cases when every case's share
 * is 0 or 1 (always so with one repeat), else Wilson at the effective number of cases that the
 * shares' spread gives (see caseShareRate).
 */
export type TargetSummary = {
  target: string;
  prompt: string;
  /** Slots sent (at least one attempt). */
  requests: number;
  /** Cases sent (at least one slot). */
  cases: number;
  /** The most repeats any case had: k of pass@k. 0 when nothing was sent. */
  repeats: number;
  /**
   * Slots planned but never sent: the run was stopped (Ctrl-C, budget, a stopped target) before
   * them. 0 when the plan is not known.
   */
  notSent: number;
  /** Slots whose last attempt succeeded. */
  ok: number;
  /** Mean over cases of the share of their requests that were answered; undefined when nothing was sent. */
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

  // Timing over every successful attempt; a failed attempt's timing is never mixed in. Repeats
  // and retries of a case are separate samples here: timing noise dominates a case's own effect.
  // A percentile is undefined when the sample is too small to bound it (`percentiles` says what n
  // it needs): never a p99 of 13 samples.
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

  // Load figures. The from-scheduled ones and the dispatch delay exist only when records carry
  // `schedule` (open loop): absent, never 0, in a closed-loop run.
  /** TTFT counted from the scheduled time (timing.ttftFromScheduledMs): what a user behind the load feels. */
  ttftFromScheduledP50Ms: number | undefined;
  ttftFromScheduledP99Ms: number | undefined;
  e2eFromScheduledP50Ms: number | undefined;
  e2eFromScheduledP99Ms: number | undefined;
  /** How late each request's first attempt was sent after its scheduled time (schedule.dispatchDelayMs). */
  dispatchDelayP50Ms: number | undefined;
  dispatchDelayP99Ms: number | undefined;
  /**
   * Requests sent per second: first attempts with a send time (schedule.sentMs), (n − 1) over the
   * span from the first send to the last. Undefined with fewer than 2 sends.
   */
  achievedRps: number | undefined;
  /** Time per output token after the first (timing.tpotMs, vLLM's TPOT), over answered attempts. */
  tpotP50Ms: number | undefined;
  tpotP99Ms: number | undefined;
  /** ITL per chunk: the median over answered attempts of each attempt's median gap between output chunks (= interChunkP50Ms). */
  itlChunkP50Ms: number | undefined;
  /** ITL per chunk: the 99th percentile over answered attempts of each attempt's own 99th-percentile gap between output chunks. */
  itlChunkP99Ms: number | undefined;
  /** Mean over answered attempts of output tokens per output chunk (timing.tokensPerChunk): what one ITL gap spans. */
  tokensPerChunkMean: number | undefined;

  // Prompt cache: TTFT of the answered calls (single calls and pipeline steps) split by whether the
  // provider served part of the prompt from its cache (usage.cachedInputTokens > 0, not
  // cache-busted) or not. Only when the pair has both: else every one is undefined.
  /** Median TTFT of cold calls (no cached input tokens, or --cache-bust). */
  ttftColdP50Ms: number | undefined;
  /** Cold answered calls with a TTFT: the n of ttftColdP50Ms. */
  ttftColdN: number | undefined;
  /** Median TTFT of warm calls (cached input tokens > 0). */
  ttftWarmP50Ms: number | undefined;
  ttftWarmN: number | undefined;

  // AI Gateway cost: over the calls that have both the price table's cost (listCostUsd) and the
  // gateway's (gatewayCostUsd); undefined when none has both.
  /** Calls with both costs: the n of the figures below. */
  gatewayCostCalls: number | undefined;
  /** The price table's list-price cost of those calls, summed. */
  listCostUsd: number | undefined;
  /** The gateway-reported cost of the same calls, summed. */
  gatewayCostUsd: number | undefined;
  /** gatewayCostUsd − listCostUsd. */
  gatewayCostDiffUsd: number | undefined;
  /** The difference as a percentage of the list-price cost; undefined when that is 0. */
  gatewayCostDiffPercent: number | undefined;

  // Goodput: with `--slo` only (undefined without).
  /** The objectives, as `ttft<=500;e2e<=5000`. */
  slo: string | undefined;
  /**
   * Mean over cases of the share of their requests (slots) that met every objective; a request is
   * judged by its deciding attempt, so a retried slot counts once, and a failed one does not meet it.
   */
  goodput: number | undefined;
  goodputCiLow: number | undefined;
  goodputCiHigh: number | undefined;
  /** The cases goodput is over: its n. */
  goodputCases: number | undefined;
  /** Requests that met every objective. */
  goodputMet: number | undefined;
  /** Requests per second that met every objective: achievedRps × goodputMet / requests (open loop only). */
  goodputRps: number | undefined;
  /** Whether TTFT and e2e objectives were judged from the scheduled time (every request), the send (none), or mixed. */
  goodputLatencyFrom: 'scheduled' | 'send' | 'mixed' | undefined;
  /**
   * Each percentile with its distribution-free 95% interval (order statistics), or the n it
   * needs (`estimate` undefined, `needed`); undefined when there is no sample at all.
   */
  percentiles: Record<SummaryPercentile, PercentileEstimate | undefined>;

  // Usage and cost over every attempt, failed ones included: they may have been paid for.
  inputTokensTotal: number | undefined;
  outputTokensTotal: number | undefined;
  /** True when some counts come from a local tokenizer rather than the provider. */
  tokensEstimated: boolean;
  costUsdTotal: number | undefined;
  costPer1kRequestsUsd: number | undefined;

  // Quality. A case counts when it has assertions; cases with none are left out.
  /** Answered slots that were scored. */
  scored: number;
  /** Scored slots that passed. */
  passed: number;
  scoreMean: number | undefined;
  /**
   * Mean over cases of the share of their repeats that passed, an unanswered request counted as
   * failed (a timeout is not a pass): the primary figure, the one gates test.
   */
  passRate: number | undefined;
  passRateCiLow: number | undefined;
  passRateCiHigh: number | undefined;
  /** The cases passRate is over: the n of the figure. */
  passRateCases: number;
  /** The same over answered and scored requests only: the sensitivity check. */
  passRateAnswered: number | undefined;
  passRateAnsweredCiLow: number | undefined;
  passRateAnsweredCiHigh: number | undefined;
  /** pass@k: share of cases with at least one passing repeat of k; undefined with one repeat. */
  passAtK: number | undefined;
  passAtKCiLow: number | undefined;
  passAtKCiHigh: number | undefined;
  /** pass^k: share of cases whose every repeat passed; undefined with one repeat. */
  passAllK: number | undefined;
  passAllKCiLow: number | undefined;
  passAllKCiHigh: number | undefined;
  /** Cases whose answers both passed and failed (`dataset/id`), in first-seen order. */
  flakyCases: string[];
};
