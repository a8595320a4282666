import { describe, expect, it } from 'vitest';
import { timePerOutputToken } from './time-per-output-token.ts';

describe('timePerOutputToken', () => {
  it('is (e2e − ttft) / (N − 1), as vLLM defines TPOT', () => {
    expect(timePerOutputToken({ ttftMs: 200, firstOutputMs: 200, e2eMs: 1190 }, { outputTokens: 100, estimated: false }, false)).toBeCloseTo(10, 12);
  });

  it('keeps an answer in one chunk: 3 tokens, then the finish 5 ms later', () => {
    expect(timePerOutputToken({ ttftMs: 100, firstOutputMs: 100, e2eMs: 105 }, { outputTokens: 3, estimated: false }, false)).toBeCloseTo(2.5, 12);
  });

  it('is absent for fewer than 2 tokens, an unknown count, or no first output', () => {
    expect(timePerOutputToken({ ttftMs: 100, e2eMs: 150 }, { outputTokens: 1, estimated: false }, false)).toBeUndefined();
    expect(timePerOutputToken({ ttftMs: 100, e2eMs: 150 }, { estimated: false }, false)).toBeUndefined();
    expect(timePerOutputToken({ e2eMs: 150 }, { outputTokens: 10, estimated: false }, false)).toBeUndefined();
  });

  it('starts at streamed reasoning, and leaves out reasoning that was counted but not streamed', () => {
    expect(timePerOutputToken({ firstOutputMs: 100, ttftMs: 1100, e2eMs: 1300 }, { outputTokens: 21, reasoningTokens: 15, estimated: false }, true)).toBeCloseTo(60, 12);
    expect(timePerOutputToken({ firstOutputMs: 3000, ttftMs: 3000, e2eMs: 3200 }, { outputTokens: 505, reasoningTokens: 500, estimated: false }, false)).toBeCloseTo(50, 12);
  });
});
