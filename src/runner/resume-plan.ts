import type { AttemptRecord } from '../records/attempt-record.ts';
import type { Plan } from './plan-run.ts';
import { caseSlotKey, slotKey } from '../records/slot-key.ts';

/**
 * The part of a plan still to do, given the records of an earlier, interrupted run of it: a slot
 * whose latest attempt succeeded is done and never sent again (it was paid for); a slot that
 * ended in an error, or stopped between retries, is tried again, its attempts numbered on. A
 * multi-call case is done when its own record answered; else it is run again with its steps'
 * earlier records, so that a step that answered is not sent again.
 */
export function resumePlan(plan: Plan, previous: readonly AttemptRecord[]): Plan {
  const latest = latestBySlot(previous);
  const steps = stepsBySlot(previous);
  const requests = plan.requests.flatMap((request) => {
    const { dataset, id: caseId } = request.testCase;
    const identity = { dataset, caseId, target: request.target.label, prompt: request.prompt, repeat: request.repeat };
    const record = latest.get(slotKey(identity));
    if (record?.status === 'ok') return [];
    const earlierSteps = request.testCase.calls ? steps.get(caseSlotKey(identity)) : undefined;
    return [{ ...request, ...(record ? { firstAttempt: record.attempt + 1 } : {}), ...(earlierSteps ? { earlierSteps } : {}) }];
  });
  return { ...plan, requests };
}

/**
 * Marks exactly one record per slot as final: its latest. A resumed slot's earlier final error
 * stays in the file (append-only) but no longer counts. Each step of a multi-call case is marked on its own.
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

function stepsBySlot(records: readonly AttemptRecord[]): Map<string, AttemptRecord[]> {
  const bySlot = new Map<string, AttemptRecord[]>();
  for (const record of records) {
    if (record.step === undefined) continue;
    const key = caseSlotKey(record);
    const list = bySlot.get(key);
    if (list) list.push(record);
    else bySlot.set(key, [record]);
  }
  return bySlot;
}
