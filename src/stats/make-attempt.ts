import type { AttemptError, AttemptRecord } from '../records/attempt-record.ts';

type Overrides = Partial<Omit<AttemptRecord, 'status'>> & { error?: AttemptError };

/** Test helper: a successful attempt with sensible defaults, or a failed one when `error` is given. */
export function makeAttempt(overrides: Overrides = {}): AttemptRecord {
  const { error, ...fields } = overrides;
  const base = {
    caseId: 'case-1',
    target: 'openai:gpt-4o-mini',
    prompt: 'default',
    repeat: 1,
    attempt: 1,
    final: true,
    startedAt: '2025-01-01T00:00:00.000Z',
    timing: {},
    usage: { estimated: false },
    output: '',
    ...fields,
  };
  return error ? { ...base, status: 'error', error } : { ...base, status: 'ok' };
}
