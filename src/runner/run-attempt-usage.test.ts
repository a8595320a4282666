import { convertArrayToReadableStream, MockLanguageModelV4 } from 'ai/test';
import { describe, expect, it } from 'vitest';
import type { Case } from '../datasets/case.ts';
import { resolveTargets, type Target } from '../targets/index.ts';
import { runAttempt } from './run-attempt.ts';

const testCase: Case = { id: 'c1', line: 1, messages: [{ role: 'user', content: 'hello' }], assert: [], tags: [], vars: {} };
const price = { input: 1, output: 1, cached_input: 0.5 };

/** A priced target whose model answers "hi" with the usage (and provider metadata) given. */
function targetReporting(input: number, output: number, details: { cached?: number; reasoning?: number } = {}, providerMetadata?: object): Target {
  const [target] = resolveTargets(['openai-compatible:m@http://127.0.0.1:9/v1'], { environment: {}, prices: new Map() });
  const usage = {
    inputTokens: { total: input, noCache: undefined, cacheRead: details.cached, cacheWrite: undefined },
    outputTokens: { total: output, text: undefined, reasoning: details.reasoning },
  };
  const parts = [
    { type: 'text-start', id: 't' },
    { type: 'text-delta', id: 't', delta: 'hi' },
    { type: 'text-end', id: 't' },
    { type: 'finish', usage, finishReason: { unified: 'stop', raw: 'stop' }, ...(providerMetadata ? { providerMetadata } : {}) },
  ];
  const model = new MockLanguageModelV4({ doStream: async () => ({ stream: convertArrayToReadableStream(parts as never[]) }) });
  return { ...target!, price: { ...price } as Target['price'], createModel: () => model };
}

const run = (target: Target) =>
  runAttempt(target, testCase, { timeoutMs: 30_000, stallTimeoutMs: 30_000 }, { redact: (text) => text, countTokens: (text) => text.length });

describe('runAttempt: usage numbers a server reports are checked before they are trusted', () => {
  it('estimates negative token counts instead, with a warning: a cost is never negative', async () => {
    const result = await run(targetReporting(-7, -50));
    expect(result.usage).toEqual({ inputTokens: 5, outputTokens: 2, estimated: true });
    expect(result.costUsd).toBeGreaterThan(0);
    expect(result.warnings).toEqual([
      'the server reported input tokens -7, not a token count (a whole number from 0 to 100,000,000): not used',
      'the server reported output tokens -50, not a token count (a whole number from 0 to 100,000,000): not used',
    ]);
  });

  it('estimates huge or fractional token counts instead, with a warning', async () => {
    const result = await run(targetReporting(1e308, 2.5));
    expect(result.usage).toEqual({ inputTokens: 5, outputTokens: 2, estimated: true });
    expect(result.costUsd).toBeLessThan(0.001);
    expect(result.warnings?.[0]).toMatch(/^the server reported input tokens 1e\+308, not a token count/);
    expect(result.warnings?.[1]).toMatch(/^the server reported output tokens 2\.5, not a token count/);
  });

  it('leaves out cached tokens beyond the input and reasoning tokens beyond the output, or negative, with a warning', async () => {
    const over = await run(targetReporting(10, 4, { cached: 11, reasoning: 5 }));
    expect(over.usage).toEqual({ inputTokens: 10, outputTokens: 4, estimated: false });
    expect(over.warnings).toEqual([
      'the server reported cached input tokens 11, more than the 10 it counts in: not used',
      'the server reported reasoning tokens 5, more than the 4 it counts in: not used',
    ]);
    const negative = await run(targetReporting(10, 4, { cached: -3, reasoning: 2 }));
    expect(negative.usage).toEqual({ inputTokens: 10, outputTokens: 4, reasoningTokens: 2, estimated: false });
    expect(negative.warnings).toHaveLength(1);
  });

  it('keeps sound counts as they are, without a warning', async () => {
    const result = await run(targetReporting(10, 4, { cached: 6, reasoning: 1 }));
    expect(result.usage).toEqual({ inputTokens: 10, outputTokens: 4, cachedInputTokens: 6, reasoningTokens: 1, estimated: false });
    expect(result.warnings).toBeUndefined();
  });

  it("uses a gateway's negative or huge cost for nothing, with a warning, and prices the call instead", async () => {
    for (const cost of ['-5', '1e300', 'NaN']) {
      const result = await run(targetReporting(10, 4, {}, { gateway: { cost } }));
      expect(result.costSource).toBe('price-table');
      expect(result.costUsd).toBeCloseTo(14 / 1_000_000, 12);
      expect(result.warnings).toEqual([`the gateway reported a cost of ${cost}, not a number of USD from 0 to 10000: not used`]);
    }
    expect((await run(targetReporting(10, 4, {}, { gateway: { cost: '0.25' } })))).toMatchObject({ costUsd: 0.25, costSource: 'gateway' });
  });
});
