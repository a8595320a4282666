import type { AttemptRecord } from '../records/attempt-record.ts';
import { passShare, type CaseOutcome } from './case-outcomes.ts';
import { oneSampleMeanTest } from './paired-mean-test.ts';
import { percentileInterval, type PercentileEstimate } from './percentile-interval.ts';
import { proportionInterval, type Interval } from './proportion-interval.ts';
import { sumPaid } from './sum-paid.ts';

/** One (target, prompt) of a run as `choose` weighs it: quality, cost and latency, each with what it rests on. */
export type ChoiceOption = {
  target: string;
  prompt: string;
  simulated: boolean;
  /** Cases sent at least once. */
  cases: number;
  /** Largest number of repeats of a case: 1 gives the Wilson interval, more the t interval on case shares. */
  repeats: number;
  requests: number;
  /** Requests that ended without an answer: they count as failed in the pass rate. */
  unanswered: number;
  /** Requests that passed. */
  passed: number;
  /** Mean of the cases' pass shares, unanswered counted failed; undefined when nothing was scored. */
  passRate: number | undefined;
  /** 95%: Wilson with one repeat, the t interval on the case shares with several. */
  passRateInterval: Interval | undefined;
  /** Every attempt, failed ones included (they may have been billed); undefined without a price. */
  costUsd: number | undefined;
  costPerRequestUsd: number | undefined;
  /** Total cost / passed requests: what one right answer costs, retries and wrong answers included. */
  costPerPassedUsd: number | undefined;
  /** Undefined when no request was answered; `needed` instead of a figure when too few were. */
  ttftP50Ms: PercentileEstimate | undefined;
  e2eP50Ms: PercentileEstimate | undefined;
};

/** The figures of one (target, prompt) from its records and their case outcomes (caseOutcomes of the same records). */
export function choiceOption(
  pair: { target: string; prompt: string; simulated: boolean },
  records: readonly AttemptRecord[],
  outcomes: readonly CaseOutcome[],
): ChoiceOption {
  const requests = sum(outcomes, (outcome) => outcome.slots);
  const passed = sum(outcomes, (outcome) => outcome.passed);
  // A reduce, not a spread: a spread of 100,000 cases overflows the stack.
  const repeats = outcomes.reduce((most, outcome) => Math.max(most, outcome.slots), 0);
  const costUsd = sumPaid(records, (record) => record.costUsd);
  return {
    ...pair,
    cases: outcomes.filter((outcome) => outcome.slots > 0).length,
    repeats,
    requests,
    unanswered: sum(outcomes, (outcome) => outcome.slots - outcome.answered),
    passed,
    ...passRate(outcomes, repeats),
    costUsd,
    costPerRequestUsd: costUsd === undefined || requests === 0 ? undefined : costUsd / requests,
    costPerPassedUsd: costUsd === undefined || passed === 0 ? undefined : costUsd / passed,
    ttftP50Ms: median(outcomes.flatMap((outcome) => outcome.ttftMs)),
    e2eP50Ms: median(outcomes.flatMap((outcome) => outcome.e2eMs)),
  };
}

function passRate(outcomes: readonly CaseOutcome[], repeats: number): Pick<ChoiceOption, 'passRate' | 'passRateInterval'> {
  const shares = outcomes.map((outcome) => passShare(outcome)).filter((share) => share !== undefined);
  if (shares.length === 0) return { passRate: undefined, passRateInterval: undefined };
  if (repeats <= 1) {
    const passed = shares.filter((share) => share === 1).length;
    return { passRate: passed / shares.length, passRateInterval: proportionInterval(passed, shares.length) };
  }
  // Repeats of a case are one cluster: the case's share is the unit, and the interval is on their mean.
  const test = oneSampleMeanTest(shares, { level: 0.95 });
  const interval = test && { low: Math.max(0, test.interval.low), high: Math.min(1, test.interval.high) };
  return { passRate: sum(shares, (share) => share) / shares.length, passRateInterval: interval };
}

const median = (values: readonly number[]) => (values.length === 0 ? undefined : percentileInterval(values, 50));

function sum<T>(items: readonly T[], figure: (item: T) => number): number {
  return items.reduce((total, item) => total + figure(item), 0);
}
