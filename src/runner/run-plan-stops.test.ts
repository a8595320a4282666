import { describe, expect, it } from 'vitest';
import { BudgetGuard } from './budget-guard.ts';
import { FakeClock } from './test/fake-clock.ts';
import { answer, failure, fakeCase } from './test/scripted-attempts.ts';
import { runScripted } from './test/run-scripted.ts';

const cases = (count: number) => Array.from({ length: count }, (_, index) => fakeCase(`c${index + 1}`));

describe('runPlan stops and warm-ups, on a fake clock', () => {
  it('stops scheduling at the budget: no attempt starts whose worst case might pass it', async () => {
    const guard = new BudgetGuard(0.35);
    const { result, sent } = await runScripted({
      cases: cases(5),
      scripts: { a: answer({ costUsd: 0.1 }) },
      settings: { concurrency: 1, targetConcurrency: 1 },
      dependencies: { budget: { guard, worstCaseUsd: () => 0.1 } },
    });
    expect(result.budgetReached).toBe(true);
    expect(sent.map((request) => request.caseId)).toEqual(['c1', 'c2', 'c3']);
    expect(result.records).toHaveLength(3);
    expect(guard.spent).toBeCloseTo(0.3, 10);
  });

  it('a stop ends scheduling and a back-off wait at once: no retry and no new slot is sent', async () => {
    const clock = new FakeClock();
    const stop = new AbortController();
    let stoppedAt: number | undefined;
    const { result, sent } = await runScripted({
      clock,
      cases: cases(3),
      scripts: { a: failure('server_error', { afterMs: 10, retryAfterMs: 30_000 }) },
      settings: { concurrency: 1, targetConcurrency: 1, maxRetries: 3 },
      dependencies: {
        signal: stop.signal,
        // Ctrl-C a second into the first slot's 30-second back-off.
        onRecord: () => {
          void clock.sleep(1000).then(() => {
            stoppedAt = clock.now();
            stop.abort();
          });
        },
      },
    });
    expect(stoppedAt).toBe(1010);
    expect(sent).toHaveLength(1);
    expect(result.records).toMatchObject([{ caseId: 'c1', attempt: 1, final: false }]);
    // The run ended when it was stopped, not when the back-off would have.
    expect(clock.now()).toBe(1010);
    expect(clock.pending).toBe(0);
  });

  it('runs the warm-ups first and records none of them, telling what they cost', async () => {
    const warmupCosts: number[] = [];
    const { result, sent } = await runScripted({
      cases: cases(2),
      scripts: { a: answer({ costUsd: 0.01, e2eMs: 100 }), b: answer({ costUsd: 0.02, e2eMs: 100 }) },
      settings: { warmup: 2 },
      dependencies: { onWarmedUp: (costUsd) => void warmupCosts.push(costUsd) },
    });
    // Two warm-ups per target, one after another, sent before any measured request.
    expect(sent.slice(0, 4).map(({ target, sentAt }) => [target, sentAt])).toEqual([['a', 0], ['b', 0], ['a', 100], ['b', 100]]);
    expect(sent.slice(4).every((request) => request.sentAt === 200)).toBe(true);
    expect(sent).toHaveLength(8);
    expect(result.records).toHaveLength(4);
    expect(result.records.every((record) => record.attempt === 1)).toBe(true);
    expect(warmupCosts).toHaveLength(1);
    expect(warmupCosts[0]).toBeCloseTo(0.06, 10);
  });
});
