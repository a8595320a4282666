import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lastUserText, loadDataset, type Case } from '../src/datasets/index.ts';
import type { NormalizedRequest } from '../src/mock/normalized-request.ts';
import { createPromptCache, prefixBlocks } from '../src/mock/prompt-cache.ts';
import { datasetsFolder } from './support/shipped-datasets.ts';

const load = async (name: string) => (await loadDataset(path.join(datasetsFolder, `${name}.jsonl`))).cases;

/** What the simulator reads of a case: its system prompt, then its user message. */
const requestOf = (testCase: Case): NormalizedRequest => ({
  model: 'm',
  stream: true,
  messages: [
    ...(testCase.system !== undefined ? [{ role: 'system' as const, text: testCase.system, imageCount: 0 }] : []),
    { role: 'user', text: lastUserText(testCase.messages), imageCount: 0 },
  ],
  toolNames: [],
  toolChoice: { type: 'auto' },
  includeUsage: true,
});

/** The cached tokens of each case, sent in order to one fresh prompt cache. */
function cachedTokensInOrder(cases: Case[]): number[] {
  const cache = createPromptCache({ blockTokens: 1024, ttlMs: 300_000, maxBlocks: 10_000, cachedPrefillShare: 0.2 });
  return cases.map((testCase, index) => cache.serve(prefixBlocks(requestOf(testCase), 1024), index * 1000, index * 1000));
}

describe('long-context-needles-cold', () => {
  it('asks what long-context-needles asks, each prompt opened by a line of its own', async () => {
    const [warm, cold] = await Promise.all([load('long-context-needles'), load('long-context-needles-cold')]);
    expect(cold.map((testCase) => testCase.id)).toEqual(warm.map((testCase) => testCase.id));
    const opening = /^Reference [0-9a-f]{12}: read the document below afresh for this question\.\n\n/;
    cold.forEach((testCase, index) => {
      const original = warm[index]!;
      expect(testCase.assert).toEqual(original.assert);
      expect(testCase.system).toBe(original.system);
      expect([...testCase.tags].sort()).toEqual([...original.tags, 'cold-cache'].sort());
      const text = lastUserText(testCase.messages);
      expect(text, testCase.id).toMatch(opening);
      expect(text.replace(opening, '')).toBe(lastUserText(original.messages));
    });
    expect(new Set(cold.map((testCase) => lastUserText(testCase.messages).slice(0, 40))).size).toBe(cold.length);
  });

  it('shares no cached prefix between cases, where long-context-needles serves cases 2 to 20 warm', async () => {
    const [warm, cold] = await Promise.all([load('long-context-needles'), load('long-context-needles-cold')]);
    const warmCached = cachedTokensInOrder(warm);
    expect(warmCached[0]).toBe(0);
    // About 99K tokens of document shared, in the simulator's tokens.
    for (const cached of warmCached.slice(1)) expect(cached).toBeGreaterThan(90_000);
    expect(cachedTokensInOrder(cold)).toEqual(cold.map(() => 0));
  });
});
