import type { AttemptRecord, ErrorType } from '../runner/attempt-record.ts';
import { groupSlots } from './group-slots.ts';
import { mean } from './mean.ts';
import { percentile } from './percentile.ts';
import { proportionInterval } from './proportion-interval.ts';
import { sumPaid } from './sum-paid.ts';
import type { TargetSummary } from './target-summary.ts';

/** The summary of the attempts of one (target, prompt) pair; `records` must not be empty. */
export function summarizeTarget(records: readonly AttemptRecord[]): TargetSummary {
  const [firstRecord] = records;
  if (!firstRecord) throw new RangeError('Expected at least one attempt to summarize, got none');
  const slots = groupSlots(records);
  const requests = slots.length;
  const outcomes = slots.map((slot) => slot.outcome);
  const answered = outcomes.filter((outcome) => outcome.status === 'ok');
  const ok = answered.length;
  const firstAttemptOk = slots.filter((slot) => slot.first?.status === 'ok').length;
  const successInterval = proportionInterval(ok, requests);

  const okAttempts = records.filter((record) => record.status === 'ok');
  const timing = (figure: (record: AttemptRecord) => number | undefined): number[] =>
    okAttempts.map(figure).filter((value): value is number => value !== undefined && Number.isFinite(value));
  const ttft = timing((record) => record.timing.ttftMs);
  const e2e = timing((record) => record.timing.e2eMs);
  const outputTps = timing((record) => record.timing.outputTps);

  const costUsdTotal = sumPaid(records, (record) => record.costUsd);
  // An unscored answer (the judge could not reach a verdict) is neither passed nor failed.
  const scores = answered.flatMap((outcome) => (outcome.score && !outcome.score.unscored ? [outcome.score] : []));
  const passed = scores.filter((score) => score.passed).length;
  const passInterval = proportionInterval(passed, scores.length);

  return {
    target: firstRecord.target,
    prompt: firstRecord.prompt,
    requests,
    notSent: 0,
    ok,
    successRate: ok / requests,
    successRateCiLow: successInterval?.low,
    successRateCiHigh: successInterval?.high,
    firstAttemptSuccessRate: firstAttemptOk / requests,
    attempts: records.length,
    unanswered: requests - ok,
    errorCounts: countErrors(outcomes),
    ttftP50Ms: percentile(ttft, 50),
    ttftP90Ms: percentile(ttft, 90),
    ttftP99Ms: percentile(ttft, 99),
    ttftMeanMs: mean(ttft),
    e2eP50Ms: percentile(e2e, 50),
    e2eP90Ms: percentile(e2e, 90),
    e2eP99Ms: percentile(e2e, 99),
    outputTpsP50: percentile(outputTps, 50),
    outputTpsMean: mean(outputTps),
    interChunkP50Ms: percentile(timing((record) => record.timing.interChunkP50Ms), 50),
    inputTokensTotal: sumPaid(records, (record) => record.usage.inputTokens),
    outputTokensTotal: sumPaid(records, (record) => record.usage.outputTokens),
    tokensEstimated: records.some((record) => record.usage.estimated),
    costUsdTotal,
    costPer1kRequestsUsd: costUsdTotal === undefined ? undefined : (costUsdTotal / requests) * 1000,
    scored: scores.length,
    passed,
    scoreMean: mean(scores.map((score) => score.score)),
    passRate: scores.length === 0 ? undefined : passed / scores.length,
    passRateCiLow: passInterval?.low,
    passRateCiHigh: passInterval?.high,
  };
}

/** A (target, prompt) pair of the plan for which nothing was sent: every figure unknown. */
export function summarizeNothingSent(target: string, prompt: string, planned: number): TargetSummary {
  return {
    target, prompt, requests: 0, notSent: planned, ok: 0,
    successRate: undefined, successRateCiLow: undefined, successRateCiHigh: undefined, firstAttemptSuccessRate: undefined,
    attempts: 0, unanswered: 0, errorCounts: {},
    ttftP50Ms: undefined, ttftP90Ms: undefined, ttftP99Ms: undefined, ttftMeanMs: undefined,
    e2eP50Ms: undefined, e2eP90Ms: undefined, e2eP99Ms: undefined, outputTpsP50: undefined, outputTpsMean: undefined,
    interChunkP50Ms: undefined, inputTokensTotal: undefined, outputTokensTotal: undefined, tokensEstimated: false,
    costUsdTotal: undefined, costPer1kRequestsUsd: undefined,
    scored: 0, passed: 0, scoreMean: undefined, passRate: undefined, passRateCiLow: undefined, passRateCiHigh: undefined,
  };
}

function countErrors(outcomes: readonly AttemptRecord[]): Partial<Record<ErrorType, number>> {
  const counts: Partial<Record<ErrorType, number>> = {};
  for (const outcome of outcomes) {
    if (outcome.status === 'error') counts[outcome.error.type] = (counts[outcome.error.type] ?? 0) + 1;
  }
  return counts;
}
