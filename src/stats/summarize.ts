import type { AttemptRecord } from '../runner/attempt-record.ts';
import { summarizeNothingSent, summarizeTarget } from './summarize-target.ts';
import type { TargetSummary } from './target-summary.ts';
import { pairKey } from './pair-key.ts';

/** Slots the plan holds for one (target, prompt) pair. */
export type PlannedPair = { target: string; prompt: string; slots: number };

/**
 * One summary per (target, prompt) pair. With the plan, every planned pair has its row, in plan
 * order, also one for which nothing was sent (a budget too small for one request, a target
 * stopped at once), and `notSent` counts the slots a stop left out; without it, the pairs that
 * have records, in the order they first appear.
 */
export function summarize(records: readonly AttemptRecord[], planned?: readonly PlannedPair[]): TargetSummary[] {
  const recordsByPair = new Map<string, AttemptRecord[]>();
  for (const pair of planned ?? []) recordsByPair.set(pairKey(pair), []);
  for (const record of records) {
    const key = pairKey(record);
    const pairRecords = recordsByPair.get(key);
    if (pairRecords) pairRecords.push(record);
    else recordsByPair.set(key, [record]);
  }
  const slotsPlanned = new Map((planned ?? []).map((pair) => [pairKey(pair), pair.slots]));
  return [...recordsByPair.entries()].map(([key, pairRecords]) => {
    const plannedSlots = slotsPlanned.get(key) ?? 0;
    const [target = '', prompt = ''] = JSON.parse(key) as [string, string];
    if (pairRecords.length === 0) return summarizeNothingSent(target, prompt, plannedSlots);
    const summary = summarizeTarget(pairRecords);
    return { ...summary, notSent: Math.max(0, plannedSlots - summary.requests) };
  });
}
