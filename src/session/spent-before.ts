import { isPipelineRecord, type AttemptRecord } from '../records/index.ts';

/**
 * What a resumed run spent in its earlier sessions: its answers (a cached one cost nothing), their
 * judges, and the warm-ups, which left no record but run.json's sum. 0 for a new run. A multi-call
 * case's own record sums its steps' costs, which their records already count: only its judge is its own.
 */
export function spentBefore(previousRecords: readonly AttemptRecord[], earlierWarmupCostUsd = 0): number {
  const answerUsd = (record: AttemptRecord) => (record.cached || isPipelineRecord(record) ? 0 : (record.costUsd ?? 0));
  return previousRecords.reduce((sum, record) => sum + answerUsd(record) + (record.score?.judge?.costUsd ?? 0), earlierWarmupCostUsd);
}
