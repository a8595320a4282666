import type { AttemptRecord } from '../records/attempt-record.ts';
import type { PlannedRequest } from './plan-run.ts';
import type { AttemptResult } from './run-attempt.ts';

/** An attempt's result as its record: the slot it belongs to, which attempt, and whether it is the slot's last. */
export function attemptToRecord(request: PlannedRequest, attempt: number, final: boolean, result: AttemptResult, cached = false): AttemptRecord {
  const { error, interrupted: _interrupted, sentAtMs: _sentAtMs, ...rest } = result;
  const base = {
    caseId: request.testCase.id,
    ...(request.testCase.dataset !== undefined ? { dataset: request.testCase.dataset } : {}),
    target: request.target.label,
    prompt: request.prompt,
    repeat: request.repeat,
    attempt,
    final,
    ...rest,
    ...(cached ? { cached: true as const } : {}),
  };
  return error ? { ...base, status: 'error', error } : { ...base, status: 'ok' };
}
