import type { AttemptRecord } from '../records/attempt-record.ts';
import { caseAssertions } from './case-assertions.ts';
import { summarizeTarget } from './summarize-target.ts';
import type { TargetSummary } from './target-summary.ts';
import { pairKey } from './pair-key.ts';

/** Slots the plan holds for one (target, prompt) pair. */
export type PlannedPair = { target: string; prompt: string; slots: number };

export type SummarizeOptions = {
  /** Whether each case has assertions, by caseKey, from the datasets: known even when no request of the run was answered. */
  assertions?: ReadonlyMap<string, boolean>;
};

/**
 * One summary per (target, prompt) pair. With the plan, every planned pair has its row, in plan
 * order, also one for which nothing was sent (a budget too small for one request, a target
 * stopped at once), and `notSent` counts the slots a stop left out; without it, the pairs that
 * have records, in the order they first appear.
 */
export function summarize(records: readonly AttemptRecord[], planned?: readonly PlannedPair[], options: SummarizeOptions = {}): TargetSummary[] {
  const pairs = new Map<string, { target: string; prompt: string; slots: number; records: AttemptRecord[] }>();
  for (const pair of planned ?? []) pairs.set(pairKey(pair), { ...pair, records: [] });
  for (const record of records) {
    const key = pairKey(record);
    const pair = pairs.get(key);
    if (pair) pair.records.push(record);
    else pairs.set(key, { target: record.target, prompt: record.prompt, slots: 0, records: [record] });
  }
  // Whether a case has assertions is known from its dataset, else from any target's scored
  // answer: a target whose every request failed still has its cases counted as failed.
  const assertions = caseAssertions(records);
  for (const [key, has] of options.assertions ?? []) assertions.set(key, has);
  return [...pairs.values()].map((pair) => summarizeTarget(pair.target, pair.prompt, pair.records, pair.slots, assertions));
}
