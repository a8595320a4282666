import type { ErrorType } from '../records/attempt-record.ts';
import type { CaseRegistry } from './case-registry.ts';
import { caseShareRate, type CaseShareRate } from './case-share-rate.ts';
import type { Samples } from './growable-array.ts';
import { verdictFailed, verdictPassed, verdictUnscored, type PairAccumulator } from './pair-accumulator.ts';
import { sortedPercentileInterval, type PercentileEstimate } from './percentile-interval.ts';
import { formatSlo } from './slo.ts';
import type { SummaryPercentile, TargetSummary } from './target-summary.ts';

/** Whether each case (by the run's number) has assertions, and whether any case of the run has. */
export type AssertionLookup = { of(index: number): boolean | undefined; any: boolean };

/** Per case of the pair: its slots and how they ended, counted from the slots' deciding attempts. */
type CaseCounts = { slots: Int32Array; answered: Int32Array; scored: Int32Array; passed: Int32Array; unscored: Int32Array; met: Int32Array };

/**
 * The TargetSummary of what a PairAccumulator gathered: the figures summarizeTarget has always
 * given (the same numbers, to the last bit), and the load figures. Sorts the timing samples in place.
 */
export function pairSummary(pair: PairAccumulator, registry: CaseRegistry, assertions: AssertionLookup): TargetSummary {
  const requests = pair.slots;
  const counts = countCases(pair);
  const errorCounts: Partial<Record<ErrorType, number>> = {};
  let ok = 0;
  let firstAttemptOk = 0;
  let scored = 0;
  let passed = 0;
  let scoreTotal = 0;
  let met = 0;
  let fromScheduled = 0;
  for (let slot = 0; slot < requests; slot++) {
    if (pair.slotFirstOk(slot)) firstAttemptOk++;
    if (pair.slotMetSlo(slot)) met++;
    if (pair.slotSloFromScheduled(slot)) fromScheduled++;
    if (!pair.slotOk(slot)) {
      const type = pair.slotErrorType(slot);
      errorCounts[type] = (errorCounts[type] ?? 0) + 1;
      continue;
    }
    ok++;
    const verdict = pair.slotVerdict.get(slot);
    if (verdict === verdictPassed || verdict === verdictFailed) {
      scored++;
      if (verdict === verdictPassed) passed++;
      scoreTotal += pair.slotScore.get(slot);
    }
  }

  const cases = pair.cases;
  // A reduce, not a spread: a spread of 100,000 cases overflows the stack.
  const repeats = counts.slots.reduce((most, slots) => Math.max(most, slots), 0);
  const success = caseShareRate(Array.from(counts.slots, (slots, index) => 1 - (slots - counts.answered[index]!) / slots), repeats);
  const quality = caseQuality(pair, registry, counts, repeats, assertions);
  const goodput = pair.slo ? caseShareRate(Array.from(counts.slots, (slots, index) => counts.met[index]! / slots), repeats) : undefined;

  const ttftMeanMs = meanOf(pair.ttft);
  const outputTpsMean = meanOf(pair.outputTps);
  const percentiles: Record<SummaryPercentile, PercentileEstimate | undefined> = {
    ttftP50Ms: undefined, ttftP90Ms: undefined, ttftP99Ms: undefined, e2eP50Ms: undefined, e2eP90Ms: undefined, e2eP99Ms: undefined,
    outputTpsP50: undefined, interChunkP50Ms: undefined,
    ttftFromScheduledP50Ms: undefined, ttftFromScheduledP99Ms: undefined, e2eFromScheduledP50Ms: undefined, e2eFromScheduledP99Ms: undefined,
    dispatchDelayP50Ms: undefined, dispatchDelayP99Ms: undefined, tpotP50Ms: undefined, tpotP99Ms: undefined, itlChunkP50Ms: undefined, itlChunkP99Ms: undefined,
    ttftColdP50Ms: undefined, ttftWarmP50Ms: undefined,
  };
  const estimate = (samples: Samples, figures: Partial<Record<SummaryPercentile, number>>) => {
    if (samples.length === 0) return;
    const sorted = samples.view().sort();
    for (const [figure, p] of Object.entries(figures)) percentiles[figure as SummaryPercentile] = sortedPercentileInterval(sorted, p);
  };
  estimate(pair.ttft, { ttftP50Ms: 50, ttftP90Ms: 90, ttftP99Ms: 99 });
  estimate(pair.e2e, { e2eP50Ms: 50, e2eP90Ms: 90, e2eP99Ms: 99 });
  estimate(pair.outputTps, { outputTpsP50: 50 });
  estimate(pair.interChunkP50, { interChunkP50Ms: 50, itlChunkP50Ms: 50 });
  estimate(pair.interChunkP99, { itlChunkP99Ms: 99 });
  estimate(pair.tpot, { tpotP50Ms: 50, tpotP99Ms: 99 });
  estimate(pair.ttftFromScheduled, { ttftFromScheduledP50Ms: 50, ttftFromScheduledP99Ms: 99 });
  estimate(pair.e2eFromScheduled, { e2eFromScheduledP50Ms: 50, e2eFromScheduledP99Ms: 99 });
  estimate(pair.dispatchDelay, { dispatchDelayP50Ms: 50, dispatchDelayP99Ms: 99 });
  // The split only where the pair has both: a run all cold (or all warm) has one TTFT, the usual one.
  const cacheSplit = pair.ttftCold.length > 0 && pair.ttftWarm.length > 0;
  if (cacheSplit) {
    estimate(pair.ttftCold, { ttftColdP50Ms: 50 });
    estimate(pair.ttftWarm, { ttftWarmP50Ms: 50 });
  }
  const gatewayCost = gatewayCostFigures(pair);
  const figure = (name: SummaryPercentile) => percentiles[name]?.estimate;

  const span = pair.lastSentMs - pair.firstSentMs;
  const achievedRps = pair.sends >= 2 && span > 0 ? ((pair.sends - 1) * 1000) / span : undefined;
  const costUsdTotal = pair.cost.total;

  return {
    target: pair.target,
    prompt: pair.prompt,
    requests,
    cases,
    repeats,
    notSent: Math.max(0, pair.plannedSlots - requests),
    ok,
    successRate: success.rate,
    successRateCiLow: success.interval?.low,
    successRateCiHigh: success.interval?.high,
    firstAttemptSuccessRate: requests === 0 ? undefined : firstAttemptOk / requests,
    attempts: pair.attempts,
    unanswered: requests - ok,
    errorCounts,
    ttftP50Ms: figure('ttftP50Ms'),
    ttftP90Ms: figure('ttftP90Ms'),
    ttftP99Ms: figure('ttftP99Ms'),
    ttftMeanMs,
    e2eP50Ms: figure('e2eP50Ms'),
    e2eP90Ms: figure('e2eP90Ms'),
    e2eP99Ms: figure('e2eP99Ms'),
    outputTpsP50: figure('outputTpsP50'),
    outputTpsMean,
    interChunkP50Ms: figure('interChunkP50Ms'),
    ttftFromScheduledP50Ms: figure('ttftFromScheduledP50Ms'),
    ttftFromScheduledP99Ms: figure('ttftFromScheduledP99Ms'),
    e2eFromScheduledP50Ms: figure('e2eFromScheduledP50Ms'),
    e2eFromScheduledP99Ms: figure('e2eFromScheduledP99Ms'),
    dispatchDelayP50Ms: figure('dispatchDelayP50Ms'),
    dispatchDelayP99Ms: figure('dispatchDelayP99Ms'),
    achievedRps,
    tpotP50Ms: figure('tpotP50Ms'),
    tpotP99Ms: figure('tpotP99Ms'),
    itlChunkP50Ms: figure('itlChunkP50Ms'),
    itlChunkP99Ms: figure('itlChunkP99Ms'),
    tokensPerChunkMean: pair.tokensPerChunkCount === 0 ? undefined : pair.tokensPerChunkSum / pair.tokensPerChunkCount,
    ttftColdP50Ms: figure('ttftColdP50Ms'),
    ttftColdN: cacheSplit ? pair.ttftCold.length : undefined,
    ttftWarmP50Ms: figure('ttftWarmP50Ms'),
    ttftWarmN: cacheSplit ? pair.ttftWarm.length : undefined,
    ...gatewayCost,
    percentiles,
    slo: pair.slo ? formatSlo(pair.slo) : undefined,
    goodput: goodput?.rate,
    goodputCiLow: goodput?.interval?.low,
    goodputCiHigh: goodput?.interval?.high,
    goodputCases: goodput?.cases,
    goodputMet: pair.slo ? met : undefined,
    goodputRps: goodput && achievedRps !== undefined && requests > 0 ? (achievedRps * met) / requests : undefined,
    goodputLatencyFrom: !pair.slo || requests === 0 ? undefined : fromScheduled === requests ? 'scheduled' : fromScheduled === 0 ? 'send' : 'mixed',
    inputTokensTotal: pair.inputTokens.total,
    outputTokensTotal: pair.outputTokens.total,
    tokensEstimated: pair.tokensEstimated,
    costUsdTotal,
    costPer1kRequestsUsd: costUsdTotal === undefined || requests === 0 ? undefined : (costUsdTotal / requests) * 1000,
    scored,
    passed,
    scoreMean: scored === 0 ? undefined : scoreTotal / scored,
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

function countCases(pair: PairAccumulator): CaseCounts {
  const size = pair.cases;
  const counts: CaseCounts = { slots: new Int32Array(size), answered: new Int32Array(size), scored: new Int32Array(size), passed: new Int32Array(size), unscored: new Int32Array(size), met: new Int32Array(size) };
  for (let slot = 0; slot < pair.slots; slot++) {
    const local = pair.slotCase.get(slot);
    counts.slots[local]!++;
    if (pair.slotMetSlo(slot)) counts.met[local]!++;
    if (!pair.slotOk(slot)) continue;
    counts.answered[local]!++;
    const verdict = pair.slotVerdict.get(slot);
    if (verdict === verdictPassed || verdict === verdictFailed) {
      counts.scored[local]!++;
      if (verdict === verdictPassed) counts.passed[local]!++;
    } else counts.unscored[local]!++;
  }
  return counts;
}

/**
 * caseQuality over the counters: a case counts when it has assertions and a repeat that counts;
 * its pass share counts an unanswered repeat as failed; flaky cases passed some repeats, not all.
 */
function caseQuality(pair: PairAccumulator, registry: CaseRegistry, counts: CaseCounts, repeats: number, assertions: AssertionLookup) {
  const passRate: number[] = [];
  const answered: number[] = [];
  const passedSome: number[] = [];
  const passedAll: number[] = [];
  const flakyCases: string[] = [];
  for (let local = 0; local < pair.cases; local++) {
    const global = pair.caseGlobal.get(local);
    const counted = counts.slots[local]! - counts.unscored[local]!;
    if (!(assertions.of(global) ?? assertions.any) || counted === 0) continue;
    const passed = counts.passed[local]!;
    passRate.push(passed / counted);
    if (counts.scored[local]! > 0) answered.push(passed / counts.scored[local]!);
    passedSome.push(passed > 0 ? 1 : 0);
    passedAll.push(passed === counted ? 1 : 0);
    if (passed > 0 && passed !== counted) flakyCases.push(registry.label(global));
  }
  const withRepeats = (shares: number[]): CaseShareRate | undefined => (repeats > 1 ? caseShareRate(shares) : undefined);
  return {
    passRate: caseShareRate(passRate, repeats),
    passRateAnswered: caseShareRate(answered, repeats),
    passAtK: withRepeats(passedSome),
    passAllK: withRepeats(passedAll),
    flakyCases,
  };
}

function gatewayCostFigures(pair: PairAccumulator): Pick<TargetSummary, 'gatewayCostCalls' | 'listCostUsd' | 'gatewayCostUsd' | 'gatewayCostDiffUsd' | 'gatewayCostDiffPercent'> {
  if (pair.gatewayCostCalls === 0) return { gatewayCostCalls: undefined, listCostUsd: undefined, gatewayCostUsd: undefined, gatewayCostDiffUsd: undefined, gatewayCostDiffPercent: undefined };
  const difference = pair.gatewayCostSum - pair.listCostSum;
  return {
    gatewayCostCalls: pair.gatewayCostCalls,
    listCostUsd: pair.listCostSum,
    gatewayCostUsd: pair.gatewayCostSum,
    gatewayCostDiffUsd: difference,
    gatewayCostDiffPercent: pair.listCostSum === 0 ? undefined : (difference / pair.listCostSum) * 100,
  };
}

/** The mean in record order (as `mean` sums), before the samples are sorted. */
function meanOf(samples: Samples): number | undefined {
  if (samples.length === 0) return undefined;
  let total = 0;
  for (const value of samples.view()) total += value;
  return total / samples.length;
}
