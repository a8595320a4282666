import { describe, expect, it } from 'vitest';
import { makeAttempt } from '../stats/make-attempt.ts';
import { summarize } from '../stats/summarize.ts';
import { displayWidth } from './display-width.ts';
import { formatErrorCounts, renderFailures } from './render-failures.ts';

const ok = (target: string, caseId: string) => makeAttempt({ target, caseId });
const failed = (target: string, caseId: string, type: 'timeout' | 'stream_error' | 'network' | 'auth', message: string, extra: { httpStatus?: number; final?: boolean; attempt?: number } = {}) =>
  makeAttempt({ target, caseId, final: extra.final ?? true, attempt: extra.attempt ?? 1, error: { type, message, ...(extra.httpStatus ? { httpStatus: extra.httpStatus } : {}) } });

describe('formatErrorCounts', () => {
  it('lists the types by count, most first, ties by name', () => {
    expect(formatErrorCounts({ stream_error: 3, timeout: 8, auth: 3 })).toBe('timeout 8 · auth 3 · stream_error 3');
    expect(formatErrorCounts({})).toBe('');
  });
});

describe('renderFailures', () => {
  // route: 82% answered, its errors by type alone; down: none answered, its first error shown.
  const records = [
    ...Array.from({ length: 9 }, (_, index) => ok('route', `c${index}`)),
    failed('route', 'c9', 'timeout', 'timed out after 60000 ms'),
    failed('route', 'c10', 'stream_error', 'stream ended early'),
    failed('down', 'c0', 'network', 'first try, retried', { final: false }),
    failed('down', 'c0', 'network', 'Cannot connect to API: getaddrinfo ENOTFOUND api.example.invalid', { attempt: 2 }),
    failed('down', 'c1', 'network', 'a later one'),
  ];
  const summaries = summarize(records);

  it('gives every target with errors its counts by type, and a failing one its first error (the first request it ended without an answer)', () => {
    expect(renderFailures({ summaries, records, width: 100 }).split('\n')).toEqual([
      'Errors by type (requests that ended unanswered):',
      '  route: stream_error 1 · timeout 1',
      '  down: network 2',
      '    first error: network: Cannot connect to API: getaddrinfo ENOTFOUND api.example.invalid',
    ]);
  });

  it('gives a stopped target its first error whatever its success rate, and says it was stopped', () => {
    const text = renderFailures({ summaries, records, width: 100, stoppedTargets: [{ target: 'route', reason: 'circuit breaker' }] });
    expect(text).toContain('  route: stream_error 1 · timeout 1 (stopped)\n    first error: timeout: timed out after 60000 ms');
  });

  it('is empty when nothing failed', () => {
    const healthy = [ok('a', 'c1'), ok('a', 'c2')];
    expect(renderFailures({ summaries: summarize(healthy), records: healthy, width: 100 })).toBe('');
  });

  it('shows the HTTP status, makes the message inert, wraps it within the width and cuts a long one', () => {
    const hostile = `denied \x1B]52;c;cm0=\x07 \u202Eexe\u2028FORGED ${'long words '.repeat(60)}`;
    const failing = [failed('key', 'c1', 'auth', hostile, { httpStatus: 401 })];
    for (const width of [60, 80, 100]) {
      const text = renderFailures({ summaries: summarize(failing), records: failing, width });
      expect(text).not.toMatch(/[\x1B\x07\u202E\u2028]/);
      const lines = text.split('\n');
      expect(lines.map((line) => line.trim()).join(' ')).toContain('first error: auth (HTTP 401): denied \\x1B]52;c;cm0=\\x07 \\u202Eexe\\u2028FORGED long words');
      for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(width);
      // The heading, the counts, and at most 4 lines of message, the last cut with …
      expect(lines).toHaveLength(6);
      expect(lines.at(-1)).toMatch(/…$/);
    }
  });

  it('shortens a long label in its middle, unless the width is unlimited', () => {
    const long = `${'a'.repeat(100)}@route`;
    const failing = [failed(long, 'c1', 'timeout', 'slow')];
    expect(renderFailures({ summaries: summarize(failing), records: failing, width: 100 }).split('\n')[1]).toBe(`  ${'a'.repeat(24)}…${'a'.repeat(17)}@route: timeout 1`);
    expect(renderFailures({ summaries: summarize(failing), records: failing, width: Infinity }).split('\n')[1]).toBe(`  ${long}: timeout 1`);
  });

  it('names the prompt when the run compared prompts, and an empty message as such', () => {
    const prompted = [makeAttempt({ target: 't', prompt: 'terse', caseId: 'c1', error: { type: 'timeout', message: ' ' } }), makeAttempt({ target: 't', prompt: 'default', caseId: 'c1' })];
    expect(renderFailures({ summaries: summarize(prompted), records: prompted, width: 100 })).toBe(
      'Errors by type (requests that ended unanswered):\n  t (terse): timeout 1\n    first error: timeout: (no message)',
    );
  });
});
