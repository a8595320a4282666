import { describe, expect, it } from 'vitest';
import { decodeRate } from './decode-rate.ts';

describe('decodeRate', () => {
  it('is output tokens over e2e − ttft for a plain text answer', () => {
    expect(decodeRate({ ttftMs: 200, firstOutputMs: 200, e2eMs: 1200 }, { outputTokens: 50, estimated: false }, false)).toBeCloseTo(50);
  });

  it('opens the window at the first reasoning output when reasoning is streamed', () => {
    // 10 reasoning tokens over the first second, then 3 text tokens over 100 ms: about 12 tokens/s, not 130.
    const rate = decodeRate({ firstOutputMs: 107, ttftMs: 1130, e2eMs: 1227 }, { outputTokens: 13, reasoningTokens: 10, estimated: false }, true);
    expect(rate).toBeCloseTo(13 / 1.12, 1);
  });

  it('leaves out reasoning that was counted but never streamed (it happened before the first output)', () => {
    expect(decodeRate({ ttftMs: 3000, firstOutputMs: 3000, e2eMs: 4000 }, { outputTokens: 540, reasoningTokens: 500, estimated: false }, false)).toBeCloseTo(40);
  });

  it('gives a tool-call-only answer a rate, and none to an answer in one chunk', () => {
    expect(decodeRate({ firstOutputMs: 100, e2eMs: 600 }, { outputTokens: 20, estimated: false }, false)).toBeCloseTo(40);
    expect(decodeRate({ ttftMs: 100, firstOutputMs: 100, e2eMs: 100 }, { outputTokens: 20, estimated: false }, false)).toBeUndefined();
  });
});
