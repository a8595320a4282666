import type { AttemptRecord } from '../runner/attempt-record.ts';
import { summarizeTarget } from './summarize-target.ts';
import type { TargetSummary } from './target-summary.ts';

/** One summary per (target, prompt) pair, in the order the pairs first appear. */
export function summarize(records: readonly AttemptRecord[]): TargetSummary[] {
  const recordsByPair = new Map<string, AttemptRecord[]>();
  for (const record of records) {
    const key = JSON.stringify([record.target, record.prompt]);
    const pairRecords = recordsByPair.get(key);
    if (pairRecords) pairRecords.push(record);
    else recordsByPair.set(key, [record]);
  }
  return [...recordsByPair.values()].map(summarizeTarget);
}
