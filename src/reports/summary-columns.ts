import type { ErrorType } from '../records/attempt-record.ts';
import type { TargetSummary } from '../stats/index.ts';
import type { SummaryPercentile } from '../stats/target-summary.ts';
import { round, roundSignificant } from './round.ts';
import type { RunInfo } from './reporter.ts';

export type SummaryValue = string | number | boolean | undefined | Partial<Record<ErrorType, number>>;
export type SummaryRow = { summary: TargetSummary; run: RunInfo };
export type SummaryColumn = {
  name: string;
  value(row: SummaryRow): SummaryValue;
  /**
   * A percentile's column: the sample size its interval needs when the sample is smaller (the
   * value is then the text `n<368`), else undefined. summary.json gives that figure as null with
   * the n in `<name>_needs_n`, so its number fields hold numbers.
   */
  needed?(row: SummaryRow): number | undefined;
};

// Rates are fractions (0..1), not percentages, so a spreadsheet can format them.
const rate = (value: number | undefined) => round(value, 6);

/** `<name>`, `<name>_ci_low`, `<name>_ci_high`: a rate over cases and its 95% interval. */
function rateColumns(name: string, figure: (summary: TargetSummary) => [number | undefined, number | undefined, number | undefined]): SummaryColumn[] {
  return [
    { name, value: ({ summary }) => rate(figure(summary)[0]) },
    { name: `${name}_ci_low`, value: ({ summary }) => rate(figure(summary)[1]) },
    { name: `${name}_ci_high`, value: ({ summary }) => rate(figure(summary)[2]) },
  ];
}

/**
 * A percentile's cell: the figure, or `n<36` (the n it needs) when the sample is too small for
 * its interval, so no reader ever takes a p99 of 13 samples for a p99. Empty with no sample.
 */
function percentileColumn(name: string, figure: SummaryPercentile, decimals: number): SummaryColumn {
  return {
    name,
    value: ({ summary }) => {
      const estimate = summary.percentiles[figure];
      if (estimate === undefined) return undefined;
      return estimate.estimate === undefined ? `n<${estimate.needed}` : round(estimate.estimate, decimals);
    },
    needed: ({ summary }) => {
      const estimate = summary.percentiles[figure];
      return estimate !== undefined && estimate.estimate === undefined ? estimate.needed : undefined;
    },
  };
}

/** The distribution-free 95% interval of a percentile (`ttft_p50_ci_low`, `…_high`); empty when it has none. */
function percentileIntervalColumns(name: string, figure: SummaryPercentile, decimals: number): SummaryColumn[] {
  const end = (which: 'low' | 'high') => ({ summary }: SummaryRow) => {
    const estimate = summary.percentiles[figure];
    return estimate?.estimate === undefined ? undefined : round(estimate[which], decimals);
  };
  return [
    { name: `${name}_ci_low`, value: end('low') },
    { name: `${name}_ci_high`, value: end('high') },
  ];
}

const milliseconds = (name: string, figure: SummaryPercentile) => percentileColumn(name, figure, 3);

/**
 * The columns of summary.csv and the keys of summary.json, in order: the headline figures first
 * (the first 14 stay where they are, for the scripts that read them by position), then each
 * figure's interval and counts, then the rest.
 */
export const summaryColumns: SummaryColumn[] = [
  { name: 'target', value: ({ summary }) => summary.target },
  { name: 'prompt', value: ({ summary }) => summary.prompt },
  { name: 'requests', value: ({ summary }) => summary.requests },
  { name: 'success_rate', value: ({ summary }) => rate(summary.successRate) },
  { name: 'first_attempt_success_rate', value: ({ summary }) => rate(summary.firstAttemptSuccessRate) },
  milliseconds('ttft_p50_ms', 'ttftP50Ms'),
  milliseconds('ttft_p90_ms', 'ttftP90Ms'),
  milliseconds('ttft_p99_ms', 'ttftP99Ms'),
  milliseconds('e2e_p50_ms', 'e2eP50Ms'),
  percentileColumn('output_tps_p50', 'outputTpsP50', 3),
  { name: 'cost_usd_total', value: ({ summary }) => roundSignificant(summary.costUsdTotal) },
  { name: 'cost_per_1k_requests_usd', value: ({ summary }) => roundSignificant(summary.costPer1kRequestsUsd) },
  { name: 'score_mean', value: ({ summary }) => rate(summary.scoreMean) },
  // Over cases, an unanswered request counted as failed.
  { name: 'pass_rate', value: ({ summary }) => rate(summary.passRate) },
  { name: 'pass_rate_ci_low', value: ({ summary }) => rate(summary.passRateCiLow) },
  { name: 'pass_rate_ci_high', value: ({ summary }) => rate(summary.passRateCiHigh) },
  { name: 'pass_rate_cases', value: ({ summary }) => summary.passRateCases },
  // Over answered and scored requests only: the sensitivity check.
  ...rateColumns('pass_rate_answered', (summary) => [summary.passRateAnswered, summary.passRateAnsweredCiLow, summary.passRateAnsweredCiHigh]),
  { name: 'repeats', value: ({ summary }) => summary.repeats },
  ...rateColumns('pass_at_k', (summary) => [summary.passAtK, summary.passAtKCiLow, summary.passAtKCiHigh]),
  ...rateColumns('pass_all_k', (summary) => [summary.passAllK, summary.passAllKCiLow, summary.passAllKCiHigh]),
  // Empty with one repeat, as pass@k is: no case can be flaky, and 0 would say it was looked for.
  { name: 'flaky_cases', value: ({ summary }) => (summary.passAtK === undefined ? undefined : summary.flakyCases.length) },
  { name: 'scored', value: ({ summary }) => summary.scored },
  { name: 'passed', value: ({ summary }) => summary.passed },
  { name: 'ok', value: ({ summary }) => summary.ok },
  { name: 'unanswered', value: ({ summary }) => summary.unanswered },
  { name: 'not_sent', value: ({ summary }) => summary.notSent },
  { name: 'attempts', value: ({ summary }) => summary.attempts },
  { name: 'cases', value: ({ summary }) => summary.cases },
  { name: 'success_rate_ci_low', value: ({ summary }) => rate(summary.successRateCiLow) },
  { name: 'success_rate_ci_high', value: ({ summary }) => rate(summary.successRateCiHigh) },
  { name: 'error_counts', value: ({ summary }) => summary.errorCounts },
  ...percentileIntervalColumns('ttft_p50', 'ttftP50Ms', 3),
  ...percentileIntervalColumns('ttft_p90', 'ttftP90Ms', 3),
  ...percentileIntervalColumns('ttft_p99', 'ttftP99Ms', 3),
  { name: 'ttft_mean_ms', value: ({ summary }) => round(summary.ttftMeanMs, 3) },
  ...percentileIntervalColumns('e2e_p50', 'e2eP50Ms', 3),
  milliseconds('e2e_p90_ms', 'e2eP90Ms'),
  ...percentileIntervalColumns('e2e_p90', 'e2eP90Ms', 3),
  milliseconds('e2e_p99_ms', 'e2eP99Ms'),
  ...percentileIntervalColumns('e2e_p99', 'e2eP99Ms', 3),
  ...percentileIntervalColumns('output_tps_p50', 'outputTpsP50', 3),
  { name: 'output_tps_mean', value: ({ summary }) => round(summary.outputTpsMean, 3) },
  milliseconds('inter_chunk_p50_ms', 'interChunkP50Ms'),
  ...percentileIntervalColumns('inter_chunk_p50', 'interChunkP50Ms', 3),
  { name: 'input_tokens_total', value: ({ summary }) => summary.inputTokensTotal },
  { name: 'output_tokens_total', value: ({ summary }) => summary.outputTokensTotal },
  { name: 'tokens_estimated', value: ({ summary }) => summary.tokensEstimated },
  { name: 'simulated', value: ({ summary, run }) => run.simulatedTargets.includes(summary.target) },
  // The run was stopped before every planned request was made: the figures cover part of the plan.
  { name: 'run_incomplete', value: ({ run }) => run.incomplete ?? false },
  // Load figures: empty in a closed-loop run (no schedule), never 0.
  { name: 'achieved_rps', value: ({ summary }) => round(summary.achievedRps, 3) },
  milliseconds('ttft_from_scheduled_p50_ms', 'ttftFromScheduledP50Ms'),
  ...percentileIntervalColumns('ttft_from_scheduled_p50', 'ttftFromScheduledP50Ms', 3),
  milliseconds('ttft_from_scheduled_p99_ms', 'ttftFromScheduledP99Ms'),
  milliseconds('e2e_from_scheduled_p50_ms', 'e2eFromScheduledP50Ms'),
  ...percentileIntervalColumns('e2e_from_scheduled_p50', 'e2eFromScheduledP50Ms', 3),
  milliseconds('e2e_from_scheduled_p99_ms', 'e2eFromScheduledP99Ms'),
  milliseconds('dispatch_delay_p50_ms', 'dispatchDelayP50Ms'),
  milliseconds('dispatch_delay_p99_ms', 'dispatchDelayP99Ms'),
  milliseconds('tpot_p50_ms', 'tpotP50Ms'),
  milliseconds('tpot_p99_ms', 'tpotP99Ms'),
  milliseconds('itl_chunk_p50_ms', 'itlChunkP50Ms'),
  milliseconds('itl_chunk_p99_ms', 'itlChunkP99Ms'),
  { name: 'tokens_per_chunk_mean', value: ({ summary }) => round(summary.tokensPerChunkMean, 3) },
  // Goodput: empty without --slo.
  { name: 'goodput_slo', value: ({ summary }) => summary.slo },
  ...rateColumns('goodput', (summary) => [summary.goodput, summary.goodputCiLow, summary.goodputCiHigh]),
  { name: 'goodput_cases', value: ({ summary }) => summary.goodputCases },
  { name: 'goodput_met', value: ({ summary }) => summary.goodputMet },
  { name: 'goodput_rps', value: ({ summary }) => round(summary.goodputRps, 3) },
  { name: 'goodput_latency_from', value: ({ summary }) => summary.goodputLatencyFrom },
  // The harness checked itself and was the bottleneck: the figures may show its limit, not the provider's. Empty when not checked.
  { name: 'harness_saturated', value: ({ run }) => run.harness?.saturated },
  // Prompt cache: TTFT of cold and warm calls, only where the pair had both (else empty).
  milliseconds('ttft_cold_p50_ms', 'ttftColdP50Ms'),
  { name: 'ttft_cold_n', value: ({ summary }) => summary.ttftColdN },
  milliseconds('ttft_warm_p50_ms', 'ttftWarmP50Ms'),
  { name: 'ttft_warm_n', value: ({ summary }) => summary.ttftWarmN },
  // AI Gateway cost against the price table's, over the calls that have both (else empty).
  { name: 'gateway_cost_n', value: ({ summary }) => summary.gatewayCostCalls },
  { name: 'list_cost_usd', value: ({ summary }) => roundSignificant(summary.listCostUsd) },
  { name: 'gateway_cost_usd', value: ({ summary }) => roundSignificant(summary.gatewayCostUsd) },
  { name: 'gateway_cost_diff_usd', value: ({ summary }) => roundSignificant(summary.gatewayCostDiffUsd) },
  { name: 'gateway_cost_diff_pct', value: ({ summary }) => round(summary.gatewayCostDiffPercent, 3) },
];
