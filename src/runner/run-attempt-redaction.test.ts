import { convertArrayToReadableStream, MockLanguageModelV4 } from 'ai/test';
import { describe, expect, it } from 'vitest';
import type { Case } from '../datasets/case.ts';
import { createRedactor, resolveTargets, type Target } from '../targets/index.ts';
import { runAttempt } from './run-attempt.ts';

const key = 'sk-test-Hq7ZkR2vXw9LmP4tYc8NbJ3dFg';
const testCase: Case = { id: 'c1', line: 1, messages: [{ role: 'user', content: 'hi' }], assert: [], tags: [], vars: {} };
const usage = {
  inputTokens: { total: 3, noCache: 3, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: 2, text: 2, reasoning: undefined },
};

/** A target whose model answers with the parts given, as a provider behind a gateway would. */
function targetAnswering(parts: unknown[]): Target {
  const [target] = resolveTargets(['openai-compatible:m@http://127.0.0.1:9/v1'], { environment: {}, prices: new Map() });
  const model = new MockLanguageModelV4({ doStream: async () => ({ stream: convertArrayToReadableStream(parts as never[]) }) });
  return { ...target!, createModel: () => model };
}

describe('runAttempt: every string a server sends is redacted before it is recorded', () => {
  it('blanks a key echoed in the gateway routing metadata (served_by), the answer and its split tail', async () => {
    const target = targetAnswering([
      { type: 'text-start', id: 't' },
      { type: 'text-delta', id: 't', delta: `echo ${key.slice(0, 20)}` },
      { type: 'text-end', id: 't' },
      {
        type: 'finish', usage, finishReason: { unified: 'stop', raw: 'stop' },
        providerMetadata: { gateway: { routing: { finalProvider: `provider-${key}` } } },
      },
    ]);
    const result = await runAttempt(target, testCase, { timeoutMs: 30_000, stallTimeoutMs: 30_000 }, { redact: createRedactor([key]), countTokens: (text) => text.length });
    expect(result.servedBy).toBe('provider-[REDACTED]');
    expect(result.output).toBe('echo [REDACTED]');
    expect(JSON.stringify(result)).not.toContain(key.slice(8, 16));
  });
});
