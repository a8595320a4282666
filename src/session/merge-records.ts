import { InputError } from '../config/errors.ts';
import { caseLabel, type AttemptRecord } from '../records/index.ts';
import { caseSlotKey } from '../records/slot-key.ts';
import { shardOfSlot } from '../runner/shard-plan.ts';
import type { ShardRun } from './merge-checks.ts';

/** Each shard's clock offset: how much later its arrival schedule started than the earliest shard's. */
export function scheduleOffsets(shards: readonly ShardRun[]): { earliest?: string; offsets: Array<number | undefined> } {
  const starts = shards.map((shard) => (shard.manifest.scheduleStartedAt !== undefined ? Date.parse(shard.manifest.scheduleStartedAt) : Number.NaN));
  const known = starts.filter((start) => Number.isFinite(start));
  if (known.length === 0) return { offsets: shards.map(() => undefined) };
  const earliest = Math.min(...known);
  return { earliest: new Date(earliest).toISOString(), offsets: starts.map((start) => (Number.isFinite(start) ? start - earliest : undefined)) };
}

/**
 * Every shard's records in one list, ordered by their slot's place in the whole plan (a slot's
 * attempts in the order they were written), with open-loop schedule times shifted onto the
 * earliest shard's clock. A record of a slot that is not in the plan, or not in its shard's part
 * of it, means the folder is not what its run.json says: refused.
 */
export function mergeRecords(shards: readonly ShardRun[], order: ReadonlyMap<string, number>, offsets: ReadonlyArray<number | undefined>): AttemptRecord[] {
  const placed: Array<{ order: number; record: AttemptRecord }> = [];
  for (const [position, shard] of shards.entries()) {
    const { index, count } = shard.manifest.shard!;
    const offset = offsets[position];
    for (const record of shard.records) {
      const slot = order.get(caseSlotKey(record));
      if (slot === undefined || shardOfSlot(slot, count) !== index) {
        const where = slot === undefined ? 'which is not in the plan its run.json describes' : `which belongs to shard ${shardOfSlot(slot, count)}/${count}`;
        throw new InputError(`merge ${shard.folder}: results.jsonl holds case ${caseLabel(record)} for ${record.target} (prompt ${record.prompt}, repeat ${record.repeat}), ${where}; the folder is damaged`);
      }
      placed.push({ order: slot, record: offset ? shifted(record, offset) : record });
    }
  }
  // A stable sort: within a slot, attempts stay in the order their shard wrote them.
  return placed.toSorted((left, right) => left.order - right.order).map((entry) => entry.record);
}

function shifted(record: AttemptRecord, offsetMs: number): AttemptRecord {
  if (!record.schedule) return record;
  const { scheduledMs, placedMs, sentMs } = record.schedule;
  return {
    ...record,
    schedule: {
      ...record.schedule,
      scheduledMs: scheduledMs + offsetMs,
      ...(placedMs !== undefined ? { placedMs: placedMs + offsetMs } : {}),
      ...(sentMs !== undefined ? { sentMs: sentMs + offsetMs } : {}),
    },
  };
}
