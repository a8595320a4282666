import type { ErrorType } from '../records/attempt-record.ts';
import type { TargetSummary } from '../stats/index.ts';
import { round, roundSignificant } from './round.ts';
import type { RunInfo } from './reporter.ts';

export type SummaryValue = string | number | boolean | undefined | Partial<Record<ErrorType, number>>;
export type SummaryRow = { summary: TargetSummary; run: RunInfo };
export type SummaryColumn = { name: string; value(row: SummaryRow): SummaryValue };

// Rates are fractions (0..1), not percentages, so a spreadsheet can format them.
const rate = (value: number | undefined) => round(value, 6);
const milliseconds = (value: number | undefined) => round(value, 3);

/** The columns of summary.csv and the keys of summary.json, in order: the headline figures first. */
export const summaryColumns: SummaryColumn[] = [
  { name: 'target', value: ({ summary }) => summary.target },
  { name: 'prompt', value: ({ summary }) => summary.prompt },
  { name: 'requests', value: ({ summary }) => summary.requests },
  { name: 'success_rate', value: ({ summary }) => rate(summary.successRate) },
  { name: 'first_attempt_success_rate', value: ({ summary }) => rate(summary.firstAttemptSuccessRate) },
  { name: 'ttft_p50_ms', value: ({ summary }) => milliseconds(summary.ttftP50Ms) },
  { name: 'ttft_p90_ms', value: ({ summary }) => milliseconds(summary.ttftP90Ms) },
  { name: 'ttft_p99_ms', value: ({ summary }) => milliseconds(summary.ttftP99Ms) },
  { name: 'e2e_p50_ms', value: ({ summary }) => milliseconds(summary.e2eP50Ms) },
  { name: 'output_tps_p50', value: ({ summary }) => round(summary.outputTpsP50, 3) },
  { name: 'cost_usd_total', value: ({ summary }) => roundSignificant(summary.costUsdTotal) },
  { name: 'cost_per_1k_requests_usd', value: ({ summary }) => roundSignificant(summary.costPer1kRequestsUsd) },
  { name: 'score_mean', value: ({ summary }) => rate(summary.scoreMean) },
  { name: 'pass_rate', value: ({ summary }) => rate(summary.passRate) },
  { name: 'pass_rate_ci_low', value: ({ summary }) => rate(summary.passRateCiLow) },
  { name: 'pass_rate_ci_high', value: ({ summary }) => rate(summary.passRateCiHigh) },
  { name: 'scored', value: ({ summary }) => summary.scored },
  { name: 'passed', value: ({ summary }) => summary.passed },
  { name: 'ok', value: ({ summary }) => summary.ok },
  { name: 'unanswered', value: ({ summary }) => summary.unanswered },
  { name: 'not_sent', value: ({ summary }) => summary.notSent },
  { name: 'attempts', value: ({ summary }) => summary.attempts },
  { name: 'success_rate_ci_low', value: ({ summary }) => rate(summary.successRateCiLow) },
  { name: 'success_rate_ci_high', value: ({ summary }) => rate(summary.successRateCiHigh) },
  { name: 'error_counts', value: ({ summary }) => summary.errorCounts },
  { name: 'ttft_mean_ms', value: ({ summary }) => milliseconds(summary.ttftMeanMs) },
  { name: 'e2e_p90_ms', value: ({ summary }) => milliseconds(summary.e2eP90Ms) },
  { name: 'e2e_p99_ms', value: ({ summary }) => milliseconds(summary.e2eP99Ms) },
  { name: 'output_tps_mean', value: ({ summary }) => round(summary.outputTpsMean, 3) },
  { name: 'inter_chunk_p50_ms', value: ({ summary }) => milliseconds(summary.interChunkP50Ms) },
  { name: 'input_tokens_total', value: ({ summary }) => summary.inputTokensTotal },
  { name: 'output_tokens_total', value: ({ summary }) => summary.outputTokensTotal },
  { name: 'tokens_estimated', value: ({ summary }) => summary.tokensEstimated },
  { name: 'simulated', value: ({ summary, run }) => run.simulatedTargets.includes(summary.target) },
  // The run was stopped before every planned request was made: the figures cover part of the plan.
  { name: 'run_incomplete', value: ({ run }) => run.incomplete ?? false },
];
