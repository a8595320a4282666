import { describe, expect, it } from 'vitest';
import { createModelRegistry } from './model-registry.ts';
import { resolveGatewayRoute } from './gateway-route.ts';
import { constantMockProfiles } from './test-profiles.ts';

const registry = createModelRegistry(
  constantMockProfiles(
    { id: 'a', provider: 'openai', gatewayModel: 'openai/gpt-4o-mini', ttftMs: 50, tokensPerSecond: 100, pricePerMillionTokens: { input: 0.1, output: 0.4 }, answer: { policy: 'fixed', text: 'a' } },
    { id: 'b', provider: 'azure', gatewayModel: 'openai/gpt-4o-mini', ttftMs: 10, tokensPerSecond: 50, pricePerMillionTokens: { input: 0.2, output: 0.8 }, answer: { policy: 'fixed', text: 'b' } },
    { id: 'c', provider: 'groq', gatewayModel: 'openai/gpt-4o-mini', ttftMs: 30, tokensPerSecond: 900, answer: { policy: 'fixed', text: 'c' } },
    { id: 'd', provider: 'anthropic', gatewayModel: 'anthropic/claude-haiku-4.5', ttftMs: 30, tokensPerSecond: 100, answer: { policy: 'fixed', text: 'd' } },
  ),
);
const providers = (options: unknown, model = 'openai/gpt-4o-mini') => resolveGatewayRoute(registry, model, options).route.order;

describe('resolveGatewayRoute', () => {
  it('keeps file order without options; only filters; order goes first', () => {
    expect(providers(undefined)).toEqual(['openai', 'azure', 'groq']);
    expect(providers({ only: ['groq', 'azure'] })).toEqual(['azure', 'groq']);
    expect(providers({ order: ['groq'] })).toEqual(['groq', 'openai', 'azure']);
  });

  it('sorts by cost (unpriced last), ttft or tps before order', () => {
    expect(providers({ sort: 'cost' })).toEqual(['openai', 'azure', 'groq']);
    expect(providers({ sort: 'ttft' })).toEqual(['azure', 'groq', 'openai']);
    expect(providers({ sort: 'tps' })).toEqual(['groq', 'openai', 'azure']);
    expect(providers({ sort: 'ttft', order: ['openai'] })).toEqual(['openai', 'azure', 'groq']);
    expect(providers({ sort: 'constructor' })).toEqual(['openai', 'azure', 'groq']);
  });

  it('serves the first fallback model with an allowed provider, and names the ones passed over', () => {
    expect(resolveGatewayRoute(registry, 'openai/gpt-4o-mini', { only: ['anthropic'], models: ['openai/nope', 'anthropic/claude-haiku-4.5'] })).toMatchObject({
      model: 'anthropic/claude-haiku-4.5',
      route: { order: ['anthropic'], requestedModel: 'openai/gpt-4o-mini', skippedModels: ['openai/gpt-4o-mini', 'openai/nope'] },
    });
    // Nowhere to go: the model asked stays, with nothing allowed, and the router says it is not found.
    expect(resolveGatewayRoute(registry, 'openai/gpt-4o-mini', { only: ['mistral'] })).toMatchObject({ model: 'openai/gpt-4o-mini', route: { only: ['mistral'], skippedModels: [] } });
  });

  it('keeps the byok providers, and no credential in what it records', () => {
    const { route } = resolveGatewayRoute(registry, 'openai/gpt-4o-mini', { byok: { azure: [{ apiKey: 'sk-secret' }] }, tags: ['x'] });
    expect(route.byokProviders).toEqual(['azure']);
    expect(route.options).toEqual({ byok: ['azure'], tags: ['x'] });
    expect(JSON.stringify(route)).not.toContain('sk-secret');
  });
});
