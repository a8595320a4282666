import type { AttemptRecord, ErrorType } from '../records/attempt-record.ts';
import { caseAssertions } from './case-assertions.ts';
import { caseOutcomes, failureShare } from './case-outcomes.ts';
import { caseQuality } from './case-quality.ts';
import { caseShareRate } from './case-share-rate.ts';
import { groupSlots } from './group-slots.ts';
import { mean } from './mean.ts';
import { percentileInterval, type PercentileEstimate } from './percentile-interval.ts';
import { sumPaid } from './sum-paid.ts';
import type { SummaryPercentile, TargetSummary } from './target-summary.ts';

/**
 * The summary of the attempts of one (target, prompt) pair, of which the plan had `plannedSlots`.
 * With no attempts (nothing was sent), every figure is unknown and the counts are 0.
 *
 * A case counts for quality when it has assertions. `runAssertions` (`caseAssertions` over the
 * whole run's records) tells that of a case this pair never answered, from another target's
 * answers; a case no answer tells of counts, as failed, when the run has assertions at all, so
 * 35 timeouts of 100 are 35 failures, not 35 cases left out. Without it, the pair's own records.
 */
export function summarizeTarget(target: string, prompt: string, records: readonly AttemptRecord[], plannedSlots: number, runAssertions?: ReadonlyMap<string, boolean>): TargetSummary {
  const slots = groupSlots(records);
  const requests = slots.length;
  const outcomes = slots.map((slot) => slot.outcome);
  const ok = outcomes.filter((outcome) => outcome.status === 'ok').length;
  const firstAttemptOk = slots.filter((slot) => slot.first?.status === 'ok').length;

  const cases = [...caseOutcomes(records).values()].filter((outcome) => outcome.slots > 0);
  // A reduce, not a spread: a spread of 100,000 cases overflows the stack.
  const repeats = cases.reduce((most, outcome) => Math.max(most, outcome.slots), 0);
  const success = caseShareRate(cases.map((outcome) => 1 - failureShare(outcome)!), repeats);
  const assertions = runAssertions ?? caseAssertions(records);
  const runHasAssertions = [...assertions.values()].some(Boolean);
  const quality = caseQuality(cases, repeats, (outcome) => assertions.get(outcome.key) ?? runHasAssertions);

  const okAttempts = records.filter((record) => record.status === 'ok');
  const timing = (figure: (record: AttemptRecord) => number | undefined): number[] =>
    okAttempts.map(figure).filter((value): value is number => value !== undefined && Number.isFinite(value));
  const ttft = timing((record) => record.timing.ttftMs);
  const e2e = timing((record) => record.timing.e2eMs);
  const outputTps = timing((record) => record.timing.outputTps);
  const interChunk = timing((record) => record.timing.interChunkP50Ms);
  const percentiles: Record<SummaryPercentile, PercentileEstimate | undefined> = {
    ttftP50Ms: estimate(ttft, 50),
    ttftP90Ms: estimate(ttft, 90),
    ttftP99Ms: estimate(ttft, 99),
    e2eP50Ms: estimate(e2e, 50),
    e2eP90Ms: estimate(e2e, 90),
    e2eP99Ms: estimate(e2e, 99),
    outputTpsP50: estimate(outputTps, 50),
    interChunkP50Ms: estimate(interChunk, 50),
  };

  const costUsdTotal = sumPaid(records, (record) => record.costUsd);
  // An unscored answer (the judge could not reach a verdict) is neither passed nor failed.
  const scores = outcomes.flatMap((outcome) => (outcome.status === 'ok' && outcome.score && !outcome.score.unscored ? [outcome.score] : []));

  return {
    target,
    prompt,
    requests,
    cases: cases.length,
    repeats,
    notSent: Math.max(0, plannedSlots - requests),
    ok,
    successRate: success.rate,
    successRateCiLow: success.interval?.low,
    successRateCiHigh: success.interval?.high,
    firstAttemptSuccessRate: requests === 0 ? undefined : firstAttemptOk / requests,
    attempts: records.length,
    unanswered: requests - ok,
    errorCounts: countErrors(outcomes),
    ttftP50Ms: percentiles.ttftP50Ms?.estimate,
    ttftP90Ms: percentiles.ttftP90Ms?.estimate,
    ttftP99Ms: percentiles.ttftP99Ms?.estimate,
    ttftMeanMs: mean(ttft),
    e2eP50Ms: percentiles.e2eP50Ms?.estimate,
    e2eP90Ms: percentiles.e2eP90Ms?.estimate,
    e2eP99Ms: percentiles.e2eP99Ms?.estimate,
    outputTpsP50: percentiles.outputTpsP50?.estimate,
    outputTpsMean: mean(outputTps),
    interChunkP50Ms: percentiles.interChunkP50Ms?.estimate,
    percentiles,
    inputTokensTotal: sumPaid(records, (record) => record.usage.inputTokens),
    outputTokensTotal: sumPaid(records, (record) => record.usage.outputTokens),
    tokensEstimated: records.some((record) => record.usage.estimated),
    costUsdTotal,
    costPer1kRequestsUsd: costUsdTotal === undefined || requests === 0 ? undefined : (costUsdTotal / requests) * 1000,
    scored: scores.length,
    passed: scores.filter((score) => score.passed).length,
    scoreMean: mean(scores.map((score) => score.score)),
    passRate: quality.passRate.rate,
    passRateCiLow: quality.passRate.interval?.low,
    passRateCiHigh: quality.passRate.interval?.high,
    passRateCases: quality.passRate.cases,
    passRateAnswered: quality.passRateAnswered.rate,
    passRateAnsweredCiLow: quality.passRateAnswered.interval?.low,
    passRateAnsweredCiHigh: quality.passRateAnswered.interval?.high,
    passAtK: quality.passAtK?.rate,
    passAtKCiLow: quality.passAtK?.interval?.low,
    passAtKCiHigh: quality.passAtK?.interval?.high,
    passAllK: quality.passAllK?.rate,
    passAllKCiLow: quality.passAllK?.interval?.low,
    passAllKCiHigh: quality.passAllK?.interval?.high,
    flakyCases: quality.flakyCases,
  };
}

/** The percentile and its interval; nothing at all without a sample. */
function estimate(values: readonly number[], p: number): PercentileEstimate | undefined {
  return values.length === 0 ? undefined : percentileInterval(values, p);
}

function countErrors(outcomes: readonly AttemptRecord[]): Partial<Record<ErrorType, number>> {
  const counts: Partial<Record<ErrorType, number>> = {};
  for (const outcome of outcomes) {
    if (outcome.status === 'error') counts[outcome.error.type] = (counts[outcome.error.type] ?? 0) + 1;
  }
  return counts;
}
