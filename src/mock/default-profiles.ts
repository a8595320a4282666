import { mockProfilesSchema, type MockProfiles, type MockProfilesInput } from '../config/mock-profile-schema.ts';

/**
 * The demo's models. Every figure is illustrative: the right order of magnitude for these models
 * as publicly observed, not a measurement. `mock/default-profiles.yaml` is the same set as a file
 * to copy and edit (a test keeps the two equal).
 */
export const defaultMockProfilesInput = {
  description:
    'Illustrative profiles: GPT-4o mini on two providers and two larger models for comparison. Latency, speed and accuracy figures are plausible, not measured; prices are list prices in USD per million tokens.',
  models: [
    {
      id: 'gpt-4o-mini',
      description: 'GPT-4o mini as served by OpenAI (illustrative figures).',
      provider: 'openai',
      gatewayModel: 'openai/gpt-4o-mini',
      ttftMs: { p50: 350, p90: 700 },
      tokensPerSecond: 80,
      tokensPerChunk: 1,
      contextWindow: 128_000,
      maxOutputTokens: 16_384,
      pricePerMillionTokens: { input: 0.15, output: 0.6, cachedInput: 0.075 },
      faultRates: { rate_limit: 0.02 },
      answer: { policy: 'oracle', accuracy: 0.75 },
    },
    {
      id: 'gpt-4o-mini-azure',
      description: 'GPT-4o mini as served by Azure OpenAI (illustrative figures).',
      provider: 'azure',
      gatewayModel: 'openai/gpt-4o-mini',
      ttftMs: { p50: 250, p90: 500 },
      tokensPerSecond: 110,
      tokensPerChunk: 2,
      contextWindow: 128_000,
      maxOutputTokens: 16_384,
      pricePerMillionTokens: { input: 0.15, output: 0.6, cachedInput: 0.075 },
      answer: { policy: 'oracle', accuracy: 0.75 },
    },
    {
      id: 'gpt-4o',
      description: 'GPT-4o as served by OpenAI (illustrative figures).',
      provider: 'openai',
      gatewayModel: 'openai/gpt-4o',
      ttftMs: { p50: 450, p90: 900 },
      tokensPerSecond: 60,
      tokensPerChunk: 1,
      contextWindow: 128_000,
      maxOutputTokens: 16_384,
      pricePerMillionTokens: { input: 2.5, output: 10, cachedInput: 1.25 },
      answer: { policy: 'oracle', accuracy: 0.85 },
    },
    {
      id: 'claude-sonnet-4',
      description: 'Claude Sonnet 4 as served by Anthropic (illustrative figures).',
      provider: 'anthropic',
      gatewayModel: 'anthropic/claude-sonnet-4',
      ttftMs: { p50: 700, p90: 1_300 },
      tokensPerSecond: 55,
      tokensPerChunk: 3,
      contextWindow: 200_000,
      maxOutputTokens: 64_000,
      pricePerMillionTokens: { input: 3, output: 15, cachedInput: 0.3 },
      faultRates: { overloaded: 0.02 },
      answer: { policy: 'oracle', accuracy: 0.92 },
    },
    {
      id: 'mock-capacity',
      description:
        'A server with room for 2 requests at a time: 200 ms to the first token, then 10 tokens in 45 ms, so about 250 ms a request and a knee near 8 requests/s (see docs/load.md).',
      provider: 'mock',
      ttftMs: { p50: 200, p90: 200 },
      tokensPerSecond: 200,
      tokensPerChunk: 1,
      outputTokens: 10,
      answer: { policy: 'fixed', text: 'ok' },
      capacity: { concurrency: 2 },
    },
  ],
} satisfies MockProfilesInput;

export const defaultMockProfiles: MockProfiles = mockProfilesSchema.parse(defaultMockProfilesInput);
