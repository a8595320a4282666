import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff-delay.ts';
import { FakeClock } from './test/fake-clock.ts';
import { answer, failure, fakeCase } from './test/scripted-attempts.ts';
import { runScripted } from './test/run-scripted.ts';

const cases = (count: number) => Array.from({ length: count }, (_, index) => fakeCase(`c${index + 1}`));
const halfJitter = { baseMs: 500, capMs: 60_000, random: () => 0.5 };

describe('runPlan retries and back-off, on a fake clock', () => {
  it('records every attempt of a slot, numbered from 1, only the last one final', async () => {
    const { result } = await runScripted({
      cases: cases(1),
      scripts: { a: [failure('server_error', { httpStatus: 500 }), failure('network'), answer({ output: 'third time' })] },
      settings: { maxRetries: 2 },
    });
    expect(result.records.map(({ attempt, final, status }) => ({ attempt, final, status }))).toEqual([
      { attempt: 1, final: false, status: 'error' },
      { attempt: 2, final: false, status: 'error' },
      { attempt: 3, final: true, status: 'ok' },
    ]);
  });

  it('stops retrying after --retries, and never retries an error that would come again', async () => {
    const exhausted = await runScripted({ cases: cases(1), scripts: { a: failure('server_error') }, settings: { maxRetries: 1 } });
    expect(exhausted.result.records.map(({ attempt, final }) => ({ attempt, final }))).toEqual([
      { attempt: 1, final: false },
      { attempt: 2, final: true },
    ]);
    const refused = await runScripted({ cases: cases(1), scripts: { a: failure('bad_request', { httpStatus: 400 }) }, settings: { maxRetries: 3 } });
    expect(refused.sent).toHaveLength(1);
    expect(refused.result.records).toMatchObject([{ attempt: 1, final: true, status: 'error', error: { type: 'bad_request' } }]);
  });

  it('waits exactly what backoffDelay says between attempts, and the server’s retry-after when it gave one', async () => {
    const { sent } = await runScripted({
      cases: cases(1),
      scripts: {
        a: [
          failure('server_error', { afterMs: 10 }),
          failure('server_error', { afterMs: 10 }),
          failure('server_error', { afterMs: 10, retryAfterMs: 2000 }),
          answer({ e2eMs: 100 }),
        ],
      },
      settings: { maxRetries: 3, backoff: halfJitter },
    });
    const first = backoffDelay(1, undefined, halfJitter);
    const second = backoffDelay(2, undefined, halfJitter);
    const hinted = backoffDelay(3, 2000, halfJitter);
    // Exponential with equal jitter, then the hint with its 10% jitter: 375, 750, 2100 ms.
    expect([first, second, hinted]).toEqual([375, 750, 2100]);
    expect(sent.map((request) => request.sentAt)).toEqual([0, 10 + first, 20 + first + second, 30 + first + second + hinted]);
  });

  it('keeps the back-off out of the retry’s timing: each attempt is measured from its own send', async () => {
    const { result, sent } = await runScripted({
      cases: cases(1),
      scripts: { a: [failure('server_error', { afterMs: 30, retryAfterMs: 5000 }), answer({ ttftMs: 40, e2eMs: 100 })] },
      settings: { maxRetries: 1 },
    });
    expect(sent[1]!.sentAt).toBe(30 + 5000);
    expect(result.records[1]).toMatchObject({ attempt: 2, status: 'ok', timing: { ttftMs: 40, e2eMs: 100 } });
    expect(result.records[0]).toMatchObject({ attempt: 1, timing: { e2eMs: 30 } });
  });

  it('pauses a target on a 429 until the server’s reset, halving its concurrency; other targets go on', async () => {
    const { sent } = await runScripted({
      cases: cases(4),
      scripts: {
        a: (_request, call) => (call === 0 ? failure('rate_limited', { httpStatus: 429, retryAfterMs: 1000 }) : answer({ e2eMs: 100 })),
        b: answer({ e2eMs: 100 }),
      },
      settings: { concurrency: 4, targetConcurrency: 2, maxRetries: 1 },
    });
    const times = (target: string) => sent.filter((request) => request.target === target).map(({ caseId, sentAt }) => [caseId, sentAt]);
    // c1 is refused at 0 while c2 is already in flight: the target's concurrency halves to 1 and
    // nothing new is sent to it before the reset at 1000, though c2 ends at 100 (and its success
    // wins the slot back). At the reset c3 starts beside c1's retry, and c4 when one of them ends.
    expect(times('a')).toEqual([['c1', 0], ['c2', 0], ['c3', 1000], ['c1', 1000], ['c4', 1100]]);
    // b was never paused.
    expect(times('b')).toEqual([['c1', 0], ['c2', 0], ['c3', 100], ['c4', 100]]);
  });

  it('stops a target at its first auth error, calling onTargetStopped once, at once; other targets go on', async () => {
    const stops: Array<{ target: string; reason: string; at: number }> = [];
    const clock = new FakeClock();
    const { result, sent } = await runScripted({
      clock,
      cases: cases(3),
      scripts: { a: failure('auth', { httpStatus: 401, afterMs: 50, message: 'invalid api key' }), b: answer({ e2eMs: 100 }) },
      settings: { targetConcurrency: 1, maxRetries: 2 },
      dependencies: { onTargetStopped: (target, reason) => stops.push({ target, reason, at: clock.now() }) },
    });
    expect(stops).toEqual([{ target: 'a', reason: 'authentication failed (HTTP 401): invalid api key', at: 50 }]);
    expect(result.stoppedTargets).toEqual([{ target: 'a', reason: stops[0]!.reason }]);
    expect(sent.filter((request) => request.target === 'a')).toHaveLength(1);
    expect(result.records.filter((record) => record.target === 'a')).toMatchObject([{ attempt: 1, final: true, status: 'error' }]);
    expect(sent.filter((request) => request.target === 'b').map((request) => request.sentAt)).toEqual([0, 100, 200]);
  });

  it('opens the circuit breaker once more than --max-error-rate of half a window of slots failed', async () => {
    const stops: string[] = [];
    const { result, sent } = await runScripted({
      cases: cases(15),
      scripts: { a: failure('bad_request'), b: answer() },
      settings: { targetConcurrency: 1, maxErrorRate: 0.5 },
      dependencies: { onTargetStopped: (target, reason) => stops.push(`${target}: ${reason}`) },
    });
    // The breaker needs 10 slots (half its window of 20): the 11th is never sent.
    expect(sent.filter((request) => request.target === 'a')).toHaveLength(10);
    expect(stops).toEqual(['a: circuit breaker: 10 of the last 10 requests failed (--max-error-rate 0.5)']);
    expect(result.records.filter((record) => record.target === 'b')).toHaveLength(15);
  });
});
