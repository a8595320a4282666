import type { AttemptRecord } from '../records/index.ts';

/**
 * What a resumed run spent in its earlier sessions: its answers (a cached one cost nothing), their
 * judges, and the warm-ups, which left no record but run.json's sum. 0 for a new run.
 */
export function spentBefore(previousRecords: readonly AttemptRecord[], earlierWarmupCostUsd = 0): number {
  return previousRecords.reduce((sum, record) => sum + (record.cached ? 0 : (record.costUsd ?? 0)) + (record.score?.judge?.costUsd ?? 0), earlierWarmupCostUsd);
}
