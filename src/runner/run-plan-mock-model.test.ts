import { APICallError } from 'ai';
import { convertArrayToReadableStream, MockLanguageModelV4 } from 'ai/test';
import { describe, expect, it } from 'vitest';
import { planRun } from './plan-run.ts';
import { runPlan } from './run-plan.ts';
import { FakeClock } from './test/fake-clock.ts';
import { fakeCase, fakeTarget } from './test/scripted-attempts.ts';

const usage = {
  inputTokens: { total: 7, noCache: 7, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: 3, text: 3, reasoning: undefined },
};

/** The AI SDK's in-memory model: the first call is refused with a 503 and a retry-after, the second streams an answer. */
function flakyModel() {
  let calls = 0;
  return new MockLanguageModelV4({
    doStream: async () => {
      calls++;
      if (calls === 1) {
        throw new APICallError({
          message: 'Service Unavailable',
          url: 'http://fake.invalid/v1/chat/completions',
          requestBodyValues: {},
          statusCode: 503,
          responseHeaders: { 'retry-after': '2' },
          isRetryable: true,
        });
      }
      return {
        stream: convertArrayToReadableStream([
          { type: 'stream-start', warnings: [] },
          { type: 'text-start', id: 't' },
          { type: 'text-delta', id: 't', delta: 'one ' },
          { type: 'text-delta', id: 't', delta: 'two three' },
          { type: 'text-end', id: 't' },
          { type: 'finish', finishReason: { unified: 'stop', raw: 'stop' }, usage },
        ]),
      };
    },
  });
}

describe('runPlan with the real runAttempt and the AI SDK’s MockLanguageModelV4 (no HTTP)', () => {
  it('classifies the refused call, waits its retry-after on the injected clock, and records the streamed answer', async () => {
    const model = flakyModel();
    const target = { ...fakeTarget('mock'), createModel: () => model };
    const clock = new FakeClock();
    const running = runPlan(
      planRun({ cases: [fakeCase('c1')], targets: [target], repeats: 1 }),
      { concurrency: 1, targetConcurrency: 1, warmup: 0, maxRetries: 1, maxErrorRate: 1, timeoutMs: 30_000, stallTimeoutMs: 20_000, backoff: { baseMs: 500, capMs: 60_000, random: () => 0 } },
      { redact: (text) => text, countTokens: (text) => text.split(' ').length, now: clock.now, sleep: clock.sleep, onRecord: () => {} },
    );
    // The model answers in real (instant) time; only the wait between attempts is on the fake clock.
    const { records } = await clock.runUntil(running);
    expect(model.doStreamCalls).toHaveLength(2);
    expect(records).toMatchObject([
      { attempt: 1, final: false, status: 'error', error: { type: 'server_error', httpStatus: 503, retryAfterMs: 2000 } },
      { attempt: 2, final: true, status: 'ok', output: 'one two three', usage: { inputTokens: 7, outputTokens: 3, estimated: false } },
    ]);
    // The back-off is the server's 2 s (no jitter here), waited on the fake clock, not the wall clock.
    expect(clock.sleeps.map((sleep) => sleep.milliseconds)).toEqual([2000]);
    expect(clock.now()).toBe(2000);
  });
});
