import { MockLanguageModelV4 } from 'ai/test';
import { describe, expect, it, vi } from 'vitest';
import type { Case } from '../datasets/case.ts';
import { noRedirectFetch } from '../runner/index.ts';
import type { Target } from '../targets/index.ts';
import { createJudge } from './create-judge.ts';

const testCase: Case = { id: 'c1', line: 1, messages: [{ role: 'user', content: 'Capital of France?' }], assert: [], tags: [], vars: {} };

/** A judge target whose model gives each verdict in turn; counts the models made and keeps the fetch each was given. */
function judgeTarget(verdicts: string[]) {
  const fetches: Array<typeof globalThis.fetch> = [];
  const model = new MockLanguageModelV4({
    doGenerate: async () => ({
      content: [{ type: 'text', text: verdicts.shift() ?? '' }],
      finishReason: { unified: 'stop', raw: 'stop' },
      usage: { inputTokens: { total: 100, noCache: 100, cacheRead: undefined, cacheWrite: undefined }, outputTokens: { total: 10, text: 10, reasoning: undefined } },
      warnings: [],
    }),
  });
  const createModel = vi.fn((fetch: typeof globalThis.fetch) => {
    fetches.push(fetch);
    return model;
  });
  const target: Target = { label: 'judge', spec: { label: 'judge', kind: 'openai', modelId: 'gpt-judge' }, endpoint: 'http://fake.invalid/v1', simulated: false, secrets: [], createModel };
  return { target, createModel, fetches, model };
}

describe('createJudge', () => {
  it('makes the judge’s model once, over the fetch that follows no redirect, and asks it once per answer', async () => {
    const { target, createModel, fetches, model } = judgeTarget(['{"score": 1, "reason": "right"}', '{"score": 0, "reason": "wrong"}', '{"score": 0.5, "reason": "half"}']);
    const judge = createJudge({ targets: new Map([['openai:gpt-judge', target]]), defaultJudge: 'openai:gpt-judge', redact: (text) => text, timeoutMs: 10_000 })!;
    const verdicts = [];
    for (const output of ['Paris', 'Lyon', 'Paris, I think']) verdicts.push(await judge({ rubric: 'Names Paris', testCase, output }));
    expect(verdicts.map((verdict) => [verdict.score, verdict.reason])).toEqual([[1, 'right'], [0, 'wrong'], [0.5, 'half']]);
    expect(verdicts[0]!.usage).toEqual({ inputTokens: 100, outputTokens: 10 });
    expect(model.doGenerateCalls).toHaveLength(3);
    expect(createModel).toHaveBeenCalledTimes(1);
    expect(fetches).toEqual([noRedirectFetch]);
  });
});
