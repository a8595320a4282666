import { describe, expect, it } from 'vitest';
import { computeCost } from './compute-cost.ts';

const gpt4oMini = { model: 'openai/gpt-4o-mini', input: 0.15, output: 0.6, cached_input: 0.075, source: 'test', as_of: '2026-11-01' };

describe('computeCost', () => {
  it('prices input, cached input and output per million tokens', () => {
    // 1000 input of which 400 cached, 500 output:
    // 600 × 0.15 + 400 × 0.075 + 500 × 0.60 = 90 + 30 + 300 = 420 per million → 0.00042
    expect(computeCost({ inputTokens: 1000, cachedInputTokens: 400, outputTokens: 500 }, gpt4oMini)).toBeCloseTo(0.00042, 12);
  });

  it('is unknown, not zero, without a price or without usage', () => {
    expect(computeCost({ inputTokens: 10, outputTokens: 10 }, undefined)).toBeUndefined();
    expect(computeCost({ inputTokens: 10 }, gpt4oMini)).toBeUndefined();
  });
});
