import { describe, expect, it } from 'vitest';
import { decodeRate } from './decode-rate.ts';

const usage = (outputTokens: number, reasoningTokens?: number) => ({ outputTokens, ...(reasoningTokens !== undefined ? { reasoningTokens } : {}), estimated: false });

describe('decodeRate', () => {
  it('reads r for one token per chunk at r tokens/s (tokens over the whole window would read r·N/(N−1))', () => {
    // 5 chunks of 1 token, 20 ms apart: 50 tokens/s, where 5 / 0.08 s reads 62.5.
    const rate = decodeRate({ contentTimes: [100, 120, 140, 160, 180], contentCharacters: [3, 3, 3, 3, 3] }, usage(5));
    expect(rate).toBeCloseTo(50, 12);
  });

  it('needs two chunks that carried output, and a window longer than 0', () => {
    expect(decodeRate({ contentTimes: [100], contentCharacters: [12] }, usage(3))).toBeUndefined();
    expect(decodeRate({ contentTimes: [], contentCharacters: [] }, usage(3))).toBeUndefined();
    expect(decodeRate({ contentTimes: [100, 100], contentCharacters: [1, 1] }, usage(3))).toBeUndefined();
  });

  it('is absent without a token count, or when every token was reasoning never streamed', () => {
    expect(decodeRate({ contentTimes: [100, 200], contentCharacters: [1, 1] }, { estimated: false })).toBeUndefined();
    expect(decodeRate({ contentTimes: [100, 200], contentCharacters: [1, 1] }, usage(50, 50))).toBeUndefined();
  });

  it('shares tokens out by characters: unequal chunks count what came after the first', () => {
    // 10 tokens; the first chunk held 1 of 10 characters: 9 tokens over 100 ms.
    expect(decodeRate({ contentTimes: [0, 50, 100], contentCharacters: [1, 4, 5] }, usage(10))).toBeCloseTo(90, 12);
  });

  it('shares tokens out by chunk count when no characters were counted', () => {
    expect(decodeRate({ contentTimes: [0, 50, 100], contentCharacters: [0, 0, 0] }, usage(9))).toBeCloseTo(60, 12);
  });

  it('counts streamed reasoning and leaves out reasoning that was only counted', () => {
    const window = { contentTimes: [0, 100, 200], contentCharacters: [5, 5, 5] };
    expect(decodeRate({ ...window, reasoningStreamed: true }, usage(30, 24))).toBeCloseTo(100, 12);
    expect(decodeRate(window, usage(30, 24))).toBeCloseTo(20, 12);
  });
});
