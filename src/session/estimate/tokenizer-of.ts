import type { CallTarget, Tokenizer } from './estimate-types.ts';

/** OpenAI's models that use o200k_base: GPT-4o, GPT-4.1, GPT-4.5, GPT-5, the o-series and gpt-oss. */
const o200kModels = /^(?:chatgpt-4o|gpt-4o|gpt-4\.1|gpt-4\.5|gpt-5|gpt-oss|o\d|codex)/i;

/**
 * o200k for OpenAI's models (by the model id, or by the price row's model name: an Azure
 * deployment is known by its row), else the declared approximation of 4 characters a token.
 */
export function tokenizerOf(target: Pick<CallTarget, 'spec' | 'price'>): Tokenizer {
  const names = [target.spec.modelId, target.price?.model ?? ''].map((name) => name.slice(name.lastIndexOf('/') + 1));
  return names.some((name) => o200kModels.test(name)) ? 'o200k' : 'chars/4';
}

/** The approximation for models whose tokenizer is not at hand. */
export const approximateTokens = (text: string): number => Math.ceil(text.length / 4);
