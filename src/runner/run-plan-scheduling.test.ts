import { describe, expect, it } from 'vitest';
import { answer, fakeCase } from './test/scripted-attempts.ts';
import { runScripted } from './test/run-scripted.ts';

const cases = (count: number) => Array.from({ length: count }, (_, index) => fakeCase(`c${index + 1}`));

describe('runPlan scheduling, on a fake clock', () => {
  it('never has more than --concurrency requests in flight overall, nor more than --target-concurrency per target', async () => {
    const { result, sent, peak, clock } = await runScripted({
      cases: cases(6),
      scripts: { a: answer({ e2eMs: 100 }), b: answer({ e2eMs: 100 }) },
      settings: { concurrency: 3, targetConcurrency: 2 },
    });
    expect(result.records).toHaveLength(12);
    expect(sent).toHaveLength(12);
    expect(peak.overall).toBe(3);
    expect(peak.byTarget.get('a')).toBe(2);
    expect(peak.byTarget.get('b')).toBe(2);
    // 12 answers of 100 ms, 3 at a time: the bounds are reached, and nothing waits longer.
    expect(clock.now()).toBe(400);
  });

  it('--rate (open loop, constant arrivals) starts requests 1/rate apart on the clock, even when the concurrency would allow all at once', async () => {
    const { sent } = await runScripted({
      cases: cases(5),
      scripts: { a: answer({ e2eMs: 1000 }) },
      settings: { concurrency: 10, targetConcurrency: 10, ratePerSecond: 10 },
    });
    expect(sent.map((request) => request.sentAt)).toEqual([0, 100, 200, 300, 400]);
  });

  it('does not schedule retries: they belong to a request that has started', async () => {
    const { sent } = await runScripted({
      cases: cases(1),
      scripts: { a: [{ kind: 'error', type: 'server_error', afterMs: 0, message: '503', retryAfterMs: 100 }, answer()] },
      settings: { ratePerSecond: 0.01, maxRetries: 1 },
    });
    // The next arrival would be 100 s later; the retry waits only its back-off (100 ms).
    expect(sent.map((request) => request.sentAt)).toEqual([0, 100]);
  });
});
