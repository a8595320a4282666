import { describe, expect, it } from 'vitest';
import type { NormalizedRequest } from './normalized-request.ts';
import { countInputTokens } from './generation.ts';
import { createPromptCache, prefixBlocks, readPrompt, warmTtftMs, type PromptCacheSettings } from './prompt-cache.ts';

const settings: PromptCacheSettings = { blockTokens: 4, ttlMs: 1000, maxBlocks: 100, cachedPrefillShare: 0.2 };
const request = (...texts: string[]): NormalizedRequest => ({
  model: 'm',
  stream: true,
  messages: texts.map((text, index) => ({ role: index === 0 ? 'system' : 'user', text, imageCount: 0 })),
  toolNames: [],
  toolChoice: { type: 'auto' },
  includeUsage: true,
});
// A role marker and 11 word tokens: 3 whole blocks of 4 (the last token is left out).
const document = 'one two three four five six seven eight nine ten eleven';

describe('the simulator prompt cache', () => {
  it('serves a prompt that shares a prefix from its whole cached blocks, up to where the prompts differ', () => {
    const cache = createPromptCache(settings);
    const first = prefixBlocks(request(document, 'question A'), 4);
    expect(cache.serve(first, 0, 10)).toBe(0);
    const second = prefixBlocks(request(document, 'question B'), 4);
    // 12 shared tokens (marker + 11 words), then the user message's marker and words differ: blocks 1-3 match.
    expect(cache.serve(second, 100, 110)).toBe(12);
    expect(cache.serve(prefixBlocks(request(document, 'question A'), 4), 200, 210)).toBe(first.length * 4);
  });

  it('finds nothing for a prompt whose first block differs (a nonce at the start), nor for one shorter than a block', () => {
    const cache = createPromptCache(settings);
    cache.serve(prefixBlocks(request(document, 'question A'), 4), 0, 10);
    expect(cache.serve(prefixBlocks(request(`[cache-bust 1] ${document}`, 'question A'), 4), 100, 110)).toBe(0);
    expect(prefixBlocks(request('one two'), 4)).toEqual([]);
  });

  it('is warm only once the first prefill finished, and cold again a TTL after the last use', () => {
    const cache = createPromptCache(settings);
    const blocks = prefixBlocks(request(document), 4);
    cache.serve(blocks, 0, 50);
    expect(cache.serve(blocks, 20, 70)).toBe(0);
    expect(cache.serve(blocks, 60, 110)).toBe(12);
    // Each use keeps it a TTL longer.
    expect(cache.serve(blocks, 1050, 1100)).toBe(12);
    expect(cache.serve(blocks, 2100, 2150)).toBe(0);
  });

  it('holds at most maxBlocks blocks, the least recently used going first', () => {
    const cache = createPromptCache({ ...settings, maxBlocks: 3 });
    const a = prefixBlocks(request(document), 4);
    const b = prefixBlocks(request('alpha beta gamma delta epsilon zeta eta theta iota kappa lambda'), 4);
    cache.serve(a, 0, 0);
    cache.serve(b, 10, 10);
    expect(cache.size).toBe(3);
    expect(cache.serve(a, 20, 20)).toBe(0);
    expect(cache.serve(a, 30, 30)).toBe(12);
  });

  it('counts the input tokens as the usage does, in the same pass', () => {
    const withImages: NormalizedRequest = { ...request(document, 'question A'), messages: [...request(document, 'question A').messages, { role: 'user', text: 'and this?', imageCount: 2 }] };
    expect(readPrompt(withImages, 4).inputTokens).toBe(countInputTokens(withImages));
    expect(readPrompt(withImages, 4).blocks).toEqual(prefixBlocks(withImages, 4));
    // The images count in the blocks too: the last one closes a block here.
    expect(readPrompt(withImages, 4).blocks.length).toBeGreaterThan(prefixBlocks(request(document, 'question A'), 4).length);
  });

  it('takes the cached share of the prefill at cachedPrefillShare of its cold time', () => {
    expect(warmTtftMs(1000, 0, 1000, 0.2)).toBe(1000);
    expect(warmTtftMs(1000, 1000, 1000, 0.2)).toBeCloseTo(200);
    expect(warmTtftMs(1000, 500, 1000, 0.2)).toBeCloseTo(600);
  });
});
