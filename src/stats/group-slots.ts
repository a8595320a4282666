import type { AttemptRecord } from '../records/attempt-record.ts';
import { slotKey } from '../records/slot-key.ts';

/** The attempts of one (case, target, prompt, repeat) slot; a case is (dataset, case id). */
export type Slot = {
  /** The attempt that decided the slot: the one marked final. */
  outcome: AttemptRecord;
  /** Attempt 1, if it was recorded. */
  first: AttemptRecord | undefined;
};

/**
 * Groups attempts into slots, in first-seen order. A slot with no final attempt (a run stopped
 * in the middle of retries) is decided by its latest attempt: it had no answer when the run ended.
 */
export function groupSlots(records: readonly AttemptRecord[]): Slot[] {
  const attemptsBySlot = new Map<string, AttemptRecord[]>();
  for (const record of records) {
    const key = slotKey(record);
    const attempts = attemptsBySlot.get(key);
    if (attempts) attempts.push(record);
    else attemptsBySlot.set(key, [record]);
  }
  return [...attemptsBySlot.values()].map((attempts) => ({
    outcome: attempts.find((attempt) => attempt.final) ?? latest(attempts),
    first: attempts.find((attempt) => attempt.attempt === 1),
  }));
}

function latest(attempts: AttemptRecord[]): AttemptRecord {
  return attempts.reduce((latestSoFar, attempt) => (attempt.attempt > latestSoFar.attempt ? attempt : latestSoFar));
}
