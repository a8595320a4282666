import type { AttemptRecord } from '../records/attempt-record.ts';
import { isStepRecord } from '../records/pipeline-figures.ts';
import { caseAssertions } from './case-assertions.ts';
import type { CaseOutcome } from './case-outcomes.ts';
import { caseQuality } from './case-quality.ts';
import { percentileInterval, type PercentileEstimate } from './percentile-interval.ts';
import type { Interval } from './proportion-interval.ts';
import { sumPaid } from './sum-paid.ts';

/** One (target, prompt) of a run as `choose` weighs it: quality, cost and latency, each with what it rests on. */
export type ChoiceOption = {
  target: string;
  prompt: string;
  simulated: boolean;
  /** Cases sent at least once. */
  cases: number;
  /** Largest number of repeats of a case. */
  repeats: number;
  requests: number;
  /** Requests that ended without an answer: they count as failed in the pass rate. */
  unanswered: number;
  /** Requests that passed. */
  passed: number;
  /** The summary's pass rate (caseQuality): mean of the cases' pass shares, unanswered counted failed; undefined when nothing was scored. */
  passRate: number | undefined;
  /** The summary's 95% interval on it, the one summary.csv shows. */
  passRateInterval: Interval | undefined;
  /** Cases the pass rate is over: those with assertions. */
  passRateCases: number;
  /** Every attempt, failed ones included (they may have been billed); undefined without a price, or with nothing answered. */
  costUsd: number | undefined;
  costPerRequestUsd: number | undefined;
  /** Total cost / passed requests: what one right answer costs, retries and wrong answers included. */
  costPerPassedUsd: number | undefined;
  /** Undefined when no request was answered; `needed` instead of a figure when too few were. */
  ttftP50Ms: PercentileEstimate | undefined;
  e2eP50Ms: PercentileEstimate | undefined;
};

/**
 * The figures of one (target, prompt) from its records and their case outcomes (caseOutcomes of
 * the same records). The pass rate and its interval are the run summary's, from the same
 * caseQuality, so one run shows one interval everywhere. `runAssertions` (caseAssertions over the
 * whole run) says which cases have assertions, as summarize does; without it, these records.
 */
export function choiceOption(
  pair: { target: string; prompt: string; simulated: boolean },
  records: readonly AttemptRecord[],
  outcomes: readonly CaseOutcome[],
  runAssertions: ReadonlyMap<string, boolean> = caseAssertions(records),
): ChoiceOption {
  const sent = outcomes.filter((outcome) => outcome.slots > 0);
  const requests = sum(sent, (outcome) => outcome.slots);
  const passed = sum(sent, (outcome) => outcome.passed);
  // A reduce, not a spread: a spread of 100,000 cases overflows the stack.
  const repeats = sent.reduce((most, outcome) => Math.max(most, outcome.slots), 0);
  const runHasAssertions = [...runAssertions.values()].some(Boolean);
  const quality = caseQuality(sent, repeats, (outcome) => runAssertions.get(outcome.key) ?? runHasAssertions);
  // A multi-call case's own record holds its steps' whole cost: the steps' attempts are left out.
  const costUsd = sumPaid(records.filter((record) => !isStepRecord(record)), (record) => record.costUsd);
  return {
    ...pair,
    cases: sent.length,
    repeats,
    requests,
    unanswered: sum(sent, (outcome) => outcome.slots - outcome.answered),
    passed,
    passRate: quality.passRate.rate,
    passRateInterval: quality.passRate.interval,
    passRateCases: quality.passRate.cases,
    costUsd,
    costPerRequestUsd: costUsd === undefined || requests === 0 ? undefined : costUsd / requests,
    costPerPassedUsd: costUsd === undefined || passed === 0 ? undefined : costUsd / passed,
    ttftP50Ms: median(sent.flatMap((outcome) => outcome.ttftMs)),
    e2eP50Ms: median(sent.flatMap((outcome) => outcome.e2eMs)),
  };
}

const median = (values: readonly number[]) => (values.length === 0 ? undefined : percentileInterval(values, 50));

function sum<T>(items: readonly T[], figure: (item: T) => number): number {
  return items.reduce((total, item) => total + figure(item), 0);
}

/**
 * Why an option has no cost: its target has no price, or nothing was answered (a priced target
 * whose every request failed has no answer to cost, and failed attempts are not billed).
 */
export function missingCostReason(option: Pick<ChoiceOption, 'requests' | 'unanswered'>): 'no price' | 'nothing answered' {
  return option.requests - option.unanswered === 0 ? 'nothing answered' : 'no price';
}
