import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { streamText } from 'ai';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Case } from '../datasets/case.ts';
import { constantMockProfiles, startMockServer, type MockServer } from '../mock/index.ts';
import { resolveTargets, type Target } from '../targets/index.ts';
import { modelOfTarget, withAttemptFetch } from './model-of-target.ts';
import { runAttempt } from './run-attempt.ts';

/** An OpenAI-compatible streamed answer of one text part, as a server sends it. */
function answer(text: string): Response {
  const chunk = (body: object) => `data: ${JSON.stringify({ id: 'x', object: 'chat.completion.chunk', created: 0, model: 'm', ...body })}\n\n`;
  const body =
    chunk({ choices: [{ index: 0, delta: { role: 'assistant', content: text }, finish_reason: null }] }) +
    chunk({ choices: [{ index: 0, delta: {}, finish_reason: 'stop' }], usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 } }) +
    'data: [DONE]\n\n';
  return new Response(body, { headers: { 'content-type': 'text/event-stream' } });
}

/** A target whose model is the real openai-compatible one, over whatever fetch it is given; counts the models made. */
function countedTarget() {
  const createModel = vi.fn((fetch: typeof globalThis.fetch) => createOpenAICompatible({ name: 'fake', baseURL: 'http://fake.invalid/v1', fetch })('m'));
  return { createModel } satisfies Pick<Target, 'createModel'>;
}

describe('modelOfTarget', () => {
  it('makes one model per target, and sends each attempt’s request through that attempt’s own fetch, however the attempts interleave', async () => {
    const target = countedTarget();
    const attempts = 6;
    const calls: number[] = [];
    const texts = await Promise.all(
      Array.from({ length: attempts }, (_unused, index) =>
        withAttemptFetch(
          async () => {
            calls.push(index);
            // The first attempts answer last: each request is in flight while the others are sent.
            await new Promise((resolve) => setTimeout(resolve, (attempts - index) * 5));
            return answer(`answer of attempt ${index}`);
          },
          async () => {
            // The request leaves after a hop through the event loop, as the SDK's own awaits do.
            await new Promise((resolve) => setImmediate(resolve));
            return streamText({ model: modelOfTarget(target), prompt: 'hi' }).text;
          },
        ),
      ),
    );
    expect(texts).toEqual(Array.from({ length: attempts }, (_unused, index) => `answer of attempt ${index}`));
    expect(calls.toSorted()).toEqual([0, 1, 2, 3, 4, 5]);
    expect(target.createModel).toHaveBeenCalledTimes(1);
  });

  it('gives a copy of a target ({ ...target }) the same model', () => {
    const target = countedTarget();
    expect(modelOfTarget({ ...target })).toBe(modelOfTarget(target));
    expect(target.createModel).toHaveBeenCalledTimes(1);
  });

  it('refuses a request made outside any attempt instead of sending it untimed', async () => {
    const target = countedTarget();
    const errors: unknown[] = [];
    const result = streamText({ model: modelOfTarget(target), prompt: 'hi', maxRetries: 0, onError: ({ error }) => void errors.push(error) });
    await result.consumeStream();
    expect(String(errors[0])).toMatch(/outside any attempt/);
  });
});

describe('runAttempt with one model per target, against the simulator', () => {
  let server: MockServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('answers concurrent attempts each with its own output and its own timing, from one model', async () => {
    server = await startMockServer({ profiles: constantMockProfiles({ id: 'echo', ttftMs: 100, tokensPerSecond: 200, answer: { policy: 'echo' } }) });
    const [resolved] = resolveTargets([`openai-compatible:echo@${server.url}/v1`], { environment: {}, prices: new Map() });
    const createModel = vi.fn(resolved!.createModel);
    const target: Target = { ...resolved!, createModel };
    const cases: Case[] = Array.from({ length: 8 }, (_unused, index) => ({
      id: `c${index}`, line: index + 1, messages: [{ role: 'user', content: `repeat item ${index}` }], assert: [], tags: [], vars: {},
    }));
    const results = await Promise.all(
      cases.map((testCase) => runAttempt(target, testCase, { timeoutMs: 30_000, stallTimeoutMs: 20_000 }, { redact: (text) => text, countTokens: (text) => text.length })),
    );
    expect(createModel).toHaveBeenCalledTimes(1);
    const truths = new Map(server.requests().map((record) => [record.answer, record]));
    expect(truths.size).toBe(cases.length);
    for (const [index, result] of results.entries()) {
      expect(result.error).toBeUndefined();
      expect(result.output).toContain(`repeat item ${index}`);
      // Its TTFT is its own request's, as the simulator wrote it (never shorter: the clock starts before the request arrives).
      const truth = truths.get(result.output);
      expect(truth).toBeDefined();
      const error = result.timing.ttftMs! - (truth!.chunkTimes[0]! - truth!.arrivedAt);
      expect(error).toBeGreaterThan(-1);
      expect(error).toBeLessThan(500);
    }
  });
});
