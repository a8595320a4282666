import type { AttemptRecord } from '../records/attempt-record.ts';
import type { Plan } from './plan-run.ts';
import { slotKey } from '../records/slot-key.ts';

/**
 * The part of a plan still to do, given the records of an earlier, interrupted run of it: a slot
 * whose latest attempt succeeded is done and never sent again (it was paid for); a slot that
 * ended in an error, or stopped between retries, is tried again, its attempts numbered on.
 */
export function resumePlan(plan: Plan, previous: readonly AttemptRecord[]): Plan {
  const latest = latestBySlot(previous);
  const requests = plan.requests.flatMap((request) => {
    const { dataset, id: caseId } = request.testCase;
    const record = latest.get(slotKey({ dataset, caseId, target: request.target.label, prompt: request.prompt, repeat: request.repeat }));
    if (record?.status === 'ok') return [];
    return [record ? { ...request, firstAttempt: record.attempt + 1 } : request];
  });
  return { ...plan, requests };
}

/**
 * Marks exactly one record per slot as final: its latest. A resumed slot's earlier final error
 * stays in the file (append-only) but no longer counts.
 */
export function normalizeFinals(records: readonly AttemptRecord[]): AttemptRecord[] {
  const latest = latestBySlot(records);
  return records.map((record) => {
    const final = latest.get(slotKey(record)) === record;
    return record.final === final ? record : { ...record, final };
  });
}

function latestBySlot(records: readonly AttemptRecord[]): Map<string, AttemptRecord> {
  const latest = new Map<string, AttemptRecord>();
  for (const record of records) latest.set(slotKey(record), record);
  return latest;
}
