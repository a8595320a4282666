import type { AttemptRecord } from '../records/attempt-record.ts';
import { createSummaryAccumulator, type PlannedPair, type SummaryAccumulatorOptions } from './summary-accumulator.ts';
import type { TargetSummary } from './target-summary.ts';

export type { PlannedPair };

export type SummarizeOptions = Omit<SummaryAccumulatorOptions, 'decideBy'>;

/**
 * One summary per (target, prompt) pair. With the plan, every planned pair has its row, in plan
 * order, also one for which nothing was sent (a budget too small for one request, a target
 * stopped at once), and `notSent` counts the slots a stop left out; without it, the pairs that
 * have records, in the order they first appear. The records go through createSummaryAccumulator
 * one by one: the same figures as feeding it results.jsonl.
 */
export function summarize(records: readonly AttemptRecord[], planned?: readonly PlannedPair[], options: SummarizeOptions = {}): TargetSummary[] {
  const accumulator = createSummaryAccumulator(planned, options);
  for (const record of records) accumulator.add(record);
  return accumulator.finish();
}
