import { describe, expect, it } from 'vitest';
import { loadTokenCounter } from './token-counter.ts';

describe('loadTokenCounter', () => {
  it('counts ordinary text exactly', async () => {
    const count = await loadTokenCounter();
    expect(count('one two three')).toBe(3);
    expect(count('')).toBe(0);
  });

  // The tokenizer's merges take time quadratic in the length of a run without spaces: a server's
  // 10 MiB answer of one letter kept the CLI busy for hours after the stream had ended.
  it('estimates a run of a million characters without a space at 4 characters a token, and returns', async () => {
    const count = await loadTokenCounter();
    expect(count('x'.repeat(2 ** 20))).toBe(2 ** 18);
    expect(count(' '.repeat(2 ** 20))).toBe(2 ** 18);
    expect(count(`one two ${'y'.repeat(400)} three`)).toBe(count('one two ') + 100 + count(' three'));
  });
});
