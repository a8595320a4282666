import { failureShare, passShare, type CaseOutcome } from '../case-outcomes.ts';
import type { TargetSummary } from '../target-summary.ts';

/** The ratios a comparison with a baseline run holds, by their key in PairComparison. */
export type RatioKey = 'ttftP50' | 'e2eP50' | 'outputTpsP50' | 'costPerRequest';

/** A case's latency samples, by their key in CaseOutcome. */
export type SampleKey = 'ttftMs' | 'e2eMs' | 'outputTps';

type Common = {
  /** Its summary.csv column. */
  name: string;
  /** Which way is better: a gate's wording says "worse" by it. */
  better: 'higher' | 'lower';
  /** Its value in a run's summary, compared as measured by a plain gate. */
  value(summary: TargetSummary): number | undefined;
  /** Set when `FIGURE ratio OP N` may gate it against a baseline run. */
  ratio?: RatioKey;
};

/**
 * - `rate`: a share of cases, tested with the case as the unit (`pass_rate >= 0.9` is a one-sided
 *   test); may also take `drop` against a baseline run.
 * - `percentile`: a latency percentile, decided on its distribution-free interval.
 * - `plain`: a count, total or mean, compared as measured.
 */
export type GateFigure = Common &
  (
    | {
        kind: 'rate';
        share: (outcome: CaseOutcome) => number | undefined;
        /** pass@k and pass^k: empty in summary.csv with one repeat, where they are the pass rate. */
        needsRepeats?: true;
      }
    | { kind: 'percentile'; sample: SampleKey; percentile: number }
    | { kind: 'plain' }
  );

/** The share of a case's repeats that got an answer. */
function answeredShare(outcome: CaseOutcome): number | undefined {
  const failed = failureShare(outcome);
  return failed === undefined ? undefined : 1 - failed;
}

/** 1 or 0 for a case that counts (one whose pass share is known), else undefined. */
function wholeCase(outcome: CaseOutcome, holds: boolean): number | undefined {
  return passShare(outcome) === undefined ? undefined : holds ? 1 : 0;
}

const plain = (name: string, better: 'higher' | 'lower', value: (summary: TargetSummary) => number | undefined, ratio?: RatioKey): GateFigure => ({
  name,
  kind: 'plain',
  better,
  value,
  ...(ratio ? { ratio } : {}),
});

const latency = (name: string, sample: SampleKey, percentile: number, value: (summary: TargetSummary) => number | undefined, ratio?: RatioKey): GateFigure => ({
  name,
  kind: 'percentile',
  sample,
  percentile,
  better: sample === 'outputTps' ? 'higher' : 'lower',
  value,
  ...(ratio ? { ratio } : {}),
});

/**
 * Every figure a gate may name: summary.csv columns (a test holds the names to the columns). A
 * column left out (target, error_counts, the interval bounds) is refused by name.
 */
export const gateFigures: readonly GateFigure[] = [
  { name: 'pass_rate', kind: 'rate', better: 'higher', share: (outcome) => passShare(outcome), value: (summary) => summary.passRate },
  { name: 'success_rate', kind: 'rate', better: 'higher', share: answeredShare, value: (summary) => summary.successRate },
  { name: 'pass_rate_answered', kind: 'rate', better: 'higher', share: (outcome) => passShare(outcome, { answeredOnly: true }), value: (summary) => summary.passRateAnswered },
  // As caseQuality counts them: a case passes@k when any repeat passed, ^k when every repeat that counts did.
  { name: 'pass_at_k', kind: 'rate', better: 'higher', needsRepeats: true, share: (outcome) => wholeCase(outcome, outcome.passed > 0), value: (summary) => summary.passAtK },
  { name: 'pass_all_k', kind: 'rate', better: 'higher', needsRepeats: true, share: (outcome) => wholeCase(outcome, outcome.passed === outcome.slots - outcome.unscored), value: (summary) => summary.passAllK },
  latency('ttft_p50_ms', 'ttftMs', 50, (summary) => summary.ttftP50Ms, 'ttftP50'),
  latency('ttft_p90_ms', 'ttftMs', 90, (summary) => summary.ttftP90Ms),
  latency('ttft_p99_ms', 'ttftMs', 99, (summary) => summary.ttftP99Ms),
  latency('e2e_p50_ms', 'e2eMs', 50, (summary) => summary.e2eP50Ms, 'e2eP50'),
  latency('e2e_p90_ms', 'e2eMs', 90, (summary) => summary.e2eP90Ms),
  latency('e2e_p99_ms', 'e2eMs', 99, (summary) => summary.e2eP99Ms),
  latency('output_tps_p50', 'outputTps', 50, (summary) => summary.outputTpsP50, 'outputTpsP50'),
  plain('cost_per_1k_requests_usd', 'lower', (summary) => summary.costPer1kRequestsUsd, 'costPerRequest'),
  plain('cost_usd_total', 'lower', (summary) => summary.costUsdTotal),
  plain('first_attempt_success_rate', 'higher', (summary) => summary.firstAttemptSuccessRate),
  plain('score_mean', 'higher', (summary) => summary.scoreMean),
  plain('ttft_mean_ms', 'lower', (summary) => summary.ttftMeanMs),
  plain('output_tps_mean', 'higher', (summary) => summary.outputTpsMean),
  plain('inter_chunk_p50_ms', 'lower', (summary) => summary.interChunkP50Ms),
  plain('requests', 'higher', (summary) => summary.requests),
  plain('ok', 'higher', (summary) => summary.ok),
  plain('unanswered', 'lower', (summary) => summary.unanswered),
  plain('not_sent', 'lower', (summary) => summary.notSent),
  plain('attempts', 'lower', (summary) => summary.attempts),
  plain('scored', 'higher', (summary) => summary.scored),
  plain('passed', 'higher', (summary) => summary.passed),
  plain('input_tokens_total', 'lower', (summary) => summary.inputTokensTotal),
  plain('output_tokens_total', 'lower', (summary) => summary.outputTokensTotal),
  // Empty with one repeat, as in summary.csv: no case can be flaky then.
  plain('flaky_cases', 'lower', (summary) => (summary.passAtK === undefined ? undefined : summary.flakyCases.length)),
];

/** `ttft_p50_ms` may be written `ttft_p50`, `cost_per_1k_requests_usd` `cost_per_1k_requests`: the unit suffix left out. */
export function withoutUnit(name: string): string {
  return name.replace(/_(ms|usd)$/, '');
}

/** The figure a gate names, by its column name or that name without its unit. */
export function findGateFigure(name: string): GateFigure | undefined {
  return gateFigures.find((figure) => figure.name === name || withoutUnit(figure.name) === name);
}
