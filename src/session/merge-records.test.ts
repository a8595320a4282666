import { describe, expect, it } from 'vitest';
import type { AttemptRecord } from '../records/index.ts';
import type { ShardRun } from './merge-checks.ts';
import { mergeRecords, scheduleOffsets } from './merge-records.ts';
import { slotKey } from '../records/index.ts';
import type { RunManifest } from './run-manifest.ts';

const record = (caseId: string, attempt = 1, schedule?: AttemptRecord['schedule']): AttemptRecord =>
  ({ caseId, target: 'x', prompt: 'default', repeat: 1, attempt, final: true, status: 'ok', startedAt: '', timing: {}, usage: { estimated: false }, output: caseId, ...(schedule ? { schedule } : {}) }) as AttemptRecord;
const shard = (index: number, records: AttemptRecord[], scheduleStartedAt?: string): ShardRun => ({
  folder: `shard-${index}`,
  manifest: { shard: { index, count: 2 }, ...(scheduleStartedAt ? { scheduleStartedAt } : {}) } as RunManifest,
  records,
  droppedTornLine: false,
});
// Plan order: a b c d; shard 1 holds a and c, shard 2 b and d.
const order = new Map(['a', 'b', 'c', 'd'].map((id, index) => [slotKey({ caseId: id, target: 'x', prompt: 'default', repeat: 1 }), index]));

describe('mergeRecords', () => {
  it('orders records by plan position, a slot’s attempts as written, and shifts schedule times by the shard’s offset', () => {
    const shards = [shard(1, [record('c'), record('a', 1, { scheduledMs: 0, placedMs: 0.5, sentMs: 1, dispatchDelayMs: 1 }), record('a', 2)], '2026-12-07T15:00:00.100Z'), shard(2, [record('d'), record('b', 1, { scheduledMs: 50 })], '2026-12-07T15:00:00.000Z')];
    const { earliest, offsets } = scheduleOffsets(shards);
    expect(earliest).toBe('2026-12-07T15:00:00.000Z');
    expect(offsets).toEqual([100, 0]);
    const merged = mergeRecords(shards, order, offsets);
    expect(merged.map((line) => `${line.caseId}${line.attempt}`)).toEqual(['a1', 'a2', 'b1', 'c1', 'd1']);
    expect(merged[0]!.schedule).toEqual({ scheduledMs: 100, placedMs: 100.5, sentMs: 101, dispatchDelayMs: 1 });
    expect(merged[2]!.schedule).toEqual({ scheduledMs: 50 });
  });

  it('has no offsets when no shard had an arrival schedule', () => {
    expect(scheduleOffsets([shard(1, []), shard(2, [])])).toEqual({ offsets: [undefined, undefined] });
  });

  it('refuses a record of a slot that belongs to another shard, or to no slot of the plan, as damage', () => {
    expect(() => mergeRecords([shard(1, [record('b')])], order, [undefined])).toThrow('merge shard-1: results.jsonl holds case b for x (prompt default, repeat 1), which belongs to shard 2/2; the folder is damaged');
    expect(() => mergeRecords([shard(1, [record('zz')])], order, [undefined])).toThrow('which is not in the plan its run.json describes');
  });

  it('places a pipeline step\'s records in their case\'s slot, in the order written', () => {
    const step = (caseId: string, name: string) => ({ ...record(caseId), step: name }) as AttemptRecord;
    const caseRecord = { ...record('c'), pipeline: { kind: 'pipeline', steps: 2, answered: 2, attempts: 2 } } as AttemptRecord;
    const merged = mergeRecords([shard(1, [step('c', 'one'), step('a', 'one'), step('c', 'two'), caseRecord])], order, [undefined]);
    expect(merged.map((line) => `${line.caseId}:${line.step ?? 'case'}`)).toEqual(['a:one', 'c:one', 'c:two', 'c:case']);
  });
});
