import { describe, expect, it } from 'vitest';
import { tokenizerOf } from './tokenizer-of.ts';

const of = (modelId: string, priceModel?: string) => tokenizerOf({ spec: { modelId }, ...(priceModel ? { price: { model: priceModel, input: 1, output: 1, source: 'test', as_of: '2026-12-01' } } : {}) });

describe('tokenizerOf', () => {
  it("counts OpenAI's o200k models with o200k, through the gateway or directly", () => {
    for (const model of ['gpt-4o-mini', 'openai/gpt-4o', 'openai/gpt-4.1-nano', 'o3-mini', 'o4-mini', 'gpt-5']) expect(of(model)).toBe('o200k');
  });

  it('knows an Azure deployment by its price row, and approximates the rest', () => {
    expect(of('prod-deployment', 'openai/gpt-4o-mini')).toBe('o200k');
    for (const model of ['anthropic/claude-3-5-haiku', 'claude-sonnet-4', 'llama3.1', 'mistral/omni-large']) expect(of(model)).toBe('chars/4');
  });
});
