import type { AttemptRecord } from '../records/attempt-record.ts';
import { caseKey } from '../records/case-key.ts';

/**
 * The keys (caseKey) of the cases that have assertions, as far as the records show: an answer is
 * scored exactly when its case has assertions (even a judge that could not decide leaves a score,
 * marked unscored). A case nobody answered shows nothing either way.
 */
export function assessedCases(records: readonly AttemptRecord[]): Set<string> {
  const keys = new Set<string>();
  for (const record of records) if (record.status === 'ok' && record.score) keys.add(caseKey(record));
  return keys;
}
