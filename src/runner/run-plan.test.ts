import { setTimeout as sleepFor } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import type { Case } from '../datasets/case.ts';
import { constantMockProfiles, startMockServer, type MockServer } from '../mock/index.ts';
import { resolveTargets } from '../targets/index.ts';
import { planRun } from './plan-run.ts';
import { runPlan } from './run-plan.ts';

const plannedTtftMs = 200;
const testCase: Case = { id: 'c1', line: 1, messages: [{ role: 'user', content: 'hi' }], assert: [], tags: [], vars: {} };

let server: MockServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('runPlan: back-off is not latency', () => {
  it('measures a retry from its own send: the second waited after a 429 is in no attempt’s TTFT', async () => {
    // The first request gets a 429 with `retry-after: 1`; its retry is answered.
    server = await startMockServer({
      profiles: constantMockProfiles({ id: 'steady', ttftMs: plannedTtftMs, tokensPerSecond: 50, answer: { policy: 'fixed', text: 'one two three' } }),
      faultPlan: [{ kind: 'rate_limit', count: 1 }],
    });
    const [target] = resolveTargets([`openai-compatible:steady@${server.url}/v1`], { environment: {}, prices: new Map() });
    const waits: number[] = [];
    const { records } = await runPlan(
      planRun({ cases: [testCase], targets: [target!], repeats: 1 }),
      { concurrency: 1, targetConcurrency: 1, warmup: 0, maxRetries: 1, maxErrorRate: 1, timeoutMs: 30_000, stallTimeoutMs: 20_000 },
      {
        redact: (text) => text,
        countTokens: (text) => text.length,
        onRecord: () => {},
        // The real wait, recorded: time passes as it would in a run.
        sleep: async (milliseconds) => {
          waits.push(milliseconds);
          await sleepFor(milliseconds);
        },
      },
    );
    const [limited, retried] = records;
    expect(records).toHaveLength(2);
    expect(limited).toMatchObject({ attempt: 1, final: false, status: 'error', error: { type: 'rate_limited' } });
    expect(retried).toMatchObject({ attempt: 2, final: true, status: 'ok', output: 'one two three' });
    // Two waits, both through the injected sleep: the target's pause until the reset, then the
    // slot's back-off before its retry.
    expect(waits).toHaveLength(2);
    expect(waits[0]).toBe(1000);
    expect(waits[1]).toBeGreaterThanOrEqual(1000);

    const [, answered] = server.requests();
    const truth = answered!.chunkTimes[0]! - answered!.arrivedAt;
    const error = retried!.timing.ttftMs! - truth;
    console.log(`back-off ${waits[0]!.toFixed(0)} ms; retry's TTFT - truth ${error.toFixed(2)} ms`);
    // Half the wait: no busy machine adds that much to one request, and the wait would add all of it.
    expect(error).toBeLessThan(waits[0]! / 2);
    expect(error).toBeGreaterThan(-1);
    // The refused attempt is measured too, from its own send: its headers came at once.
    expect(limited!.timing.headersMs).toBeLessThan(waits[0]! / 2);
  });
});
