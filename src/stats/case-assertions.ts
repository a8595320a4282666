import type { AttemptRecord } from '../records/attempt-record.ts';
import { caseKey } from '../records/case-key.ts';
import { isStepRecord } from '../records/pipeline-figures.ts';

/**
 * Whether each case has assertions, as far as the records show, by caseKey: an answer carries a
 * score exactly when its case has assertions (a judge that could not decide still leaves one,
 * marked unscored), so one scored answer says yes and an answer without a score says no. A case
 * nobody answered is absent: the records cannot tell. A step's scores are the step's, not the
 * case's: only a multi-call case's own record tells.
 */
export function caseAssertions(records: readonly AttemptRecord[]): Map<string, boolean> {
  const assertions = new Map<string, boolean>();
  for (const record of records) {
    if (record.status !== 'ok' || isStepRecord(record)) continue;
    const key = caseKey(record);
    if (record.score) assertions.set(key, true);
    else if (!assertions.has(key)) assertions.set(key, false);
  }
  return assertions;
}
