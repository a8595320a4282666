import { describe, expect, it } from 'vitest';
import { gatewayFacts } from './gateway-facts.ts';

const attempt = (provider: string, success: boolean, credentialType = 'system') => ({
  provider,
  internalModelId: `${provider}:gpt-4o-mini`,
  providerApiModelId: 'gpt-4o-mini',
  credentialType,
  success,
  startTime: 1,
  endTime: 2,
  statusCode: success ? 200 : 500,
});

describe('gatewayFacts', () => {
  it('reads the generation id, the provider that served, the fallbacks taken and whose credentials served', () => {
    const facts = gatewayFacts({
      gateway: {
        routing: {
          originalModelId: 'openai/gpt-4o-mini',
          resolvedProvider: 'openai',
          finalProvider: 'azure',
          fallbacksAvailable: [],
          attempts: [attempt('openai', false), attempt('azure', true, 'byok')],
          modelAttempts: [
            { modelId: 'openai:gpt-4o-mini', canonicalSlug: 'openai/gpt-4o-mini', success: true, providerAttempts: [attempt('openai', false), attempt('azure', true, 'byok')] },
          ],
        },
        cost: '0.0000465',
        generationId: 'gen_01ABC',
      },
    });
    expect(facts).toEqual({ servedBy: 'azure', fallbacks: ['openai'], credentialType: 'byok', costUsd: 0.0000465, generationId: 'gen_01ABC' });
  });

  it("names a fallback model's providers with their model, and the model that served when it is not the one asked", () => {
    const facts = gatewayFacts({
      gateway: {
        routing: {
          originalModelId: 'openai/gpt-4o-mini',
          finalProvider: 'anthropic',
          modelAttempts: [
            { canonicalSlug: 'openai/gpt-4o-mini', success: false, providerAttempts: [attempt('openai', false), attempt('azure', false)] },
            { canonicalSlug: 'anthropic/claude-haiku-4.5', success: true, providerAttempts: [attempt('anthropic', true)] },
          ],
        },
      },
    });
    expect(facts).toEqual({ servedBy: 'anthropic/claude-haiku-4.5@anthropic', fallbacks: ['openai', 'azure'], credentialType: 'system' });
  });

  it('knows no fallbacks from metadata without attempts, an empty list when none were taken, and nothing without gateway metadata', () => {
    expect(gatewayFacts({ gateway: { routing: { finalProvider: 'openai' } } })).toEqual({ servedBy: 'openai' });
    expect(gatewayFacts({ gateway: { routing: { finalProvider: 'openai', attempts: [attempt('openai', true)] } } })).toEqual({
      servedBy: 'openai',
      fallbacks: [],
      credentialType: 'system',
    });
    expect(gatewayFacts({ openai: { responseId: 'x' } })).toEqual({});
    expect(gatewayFacts(undefined)).toEqual({});
  });

  it('refuses a cost that is no usable number, and bounds what a hostile gateway sends', () => {
    expect(gatewayFacts({ gateway: { cost: '-1' } })).toEqual({ warning: expect.stringContaining('not used') });
    const huge = gatewayFacts({
      gateway: {
        generationId: 'g'.repeat(10_000),
        routing: { credentialType: 'root', attempts: Array.from({ length: 500 }, () => ({ provider: 'p'.repeat(5000), success: false, credentialType: 'root' })) },
      },
    });
    expect(huge.generationId).toHaveLength(200);
    expect(huge.fallbacks).toHaveLength(50);
    expect(huge.fallbacks?.[0]).toHaveLength(200);
    expect(huge.credentialType).toBeUndefined();
  });
});
