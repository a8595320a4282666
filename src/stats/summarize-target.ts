import type { AttemptRecord, ErrorType } from '../records/attempt-record.ts';
import { groupSlots } from './group-slots.ts';
import { mean } from './mean.ts';
import { percentile } from './percentile.ts';
import { proportionInterval } from './proportion-interval.ts';
import { sumPaid } from './sum-paid.ts';
import type { TargetSummary } from './target-summary.ts';

/**
 * The summary of the attempts of one (target, prompt) pair, of which the plan had `plannedSlots`.
 * With no attempts (nothing was sent), every figure is unknown and the counts are 0.
 */
export function summarizeTarget(target: string, prompt: string, records: readonly AttemptRecord[], plannedSlots: number): TargetSummary {
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

  const perRequest = (count: number) => (requests === 0 ? undefined : count / requests);

  return {
    target,
    prompt,
    requests,
    notSent: Math.max(0, plannedSlots - requests),
    ok,
    successRate: perRequest(ok),
    successRateCiLow: successInterval?.low,
    successRateCiHigh: successInterval?.high,
    firstAttemptSuccessRate: perRequest(firstAttemptOk),
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
    costPer1kRequestsUsd: costUsdTotal === undefined || requests === 0 ? undefined : (costUsdTotal / requests) * 1000,
    scored: scores.length,
    passed,
    scoreMean: mean(scores.map((score) => score.score)),
    passRate: scores.length === 0 ? undefined : passed / scores.length,
    passRateCiLow: passInterval?.low,
    passRateCiHigh: passInterval?.high,
  };
}

function countErrors(outcomes: readonly AttemptRecord[]): Partial<Record<ErrorType, number>> {
  const counts: Partial<Record<ErrorType, number>> = {};
  for (const outcome of outcomes) {
    if (outcome.status === 'error') counts[outcome.error.type] = (counts[outcome.error.type] ?? 0) + 1;
  }
  return counts;
}
