import { describe, expect, it } from 'vitest';
import { countTokens } from '../../mock/tokens.ts';
import { loadTokenCounter } from '../../runner/token-counter.ts';
import { wordList } from './word-list.ts';

describe('the synthetic word list', () => {
  it('holds distinct words of one token each, in o200k with and without a leading space, and in the simulator', async () => {
    const count = await loadTokenCounter({ whole: true });
    expect(wordList.length).toBeGreaterThan(300);
    expect(new Set(wordList).size).toBe(wordList.length);
    const misfits = wordList.filter((word) => !/^[a-z]{1,8}$/.test(word) || count(word) !== 1 || count(` ${word}`) !== 1 || countTokens(` ${word}`) !== 1);
    expect(misfits).toEqual([]);
  });
});
