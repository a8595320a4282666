import { createGateway } from '@ai-sdk/gateway';
import { streamText } from 'ai';
import { afterEach, describe, expect, it } from 'vitest';
import { constantMockProfiles, startMockServer, type MockServer } from '../src/mock/index.ts';
import type { GatewayRequestRecord } from '../src/mock/protocols/gateway.ts';

// The simulator's gateway as the real @ai-sdk/gateway package sees it: routing by
// providerOptions.gateway, routing metadata, and getGenerationInfo for the ids it issued.
const profiles = constantMockProfiles(
  // openai: cheap and slow; azure: dearer and fast. Same model, two providers.
  { id: 'mini-openai', provider: 'openai', gatewayModel: 'openai/gpt-4o-mini', ttftMs: 40, tokensPerSecond: 1000, pricePerMillionTokens: { input: 0.15, output: 0.6 }, answer: { policy: 'fixed', text: 'From OpenAI.' } },
  { id: 'mini-azure', provider: 'azure', gatewayModel: 'openai/gpt-4o-mini', ttftMs: 5, tokensPerSecond: 4000, pricePerMillionTokens: { input: 0.3, output: 1.2 }, answer: { policy: 'fixed', text: 'From Azure.' } },
  { id: 'haiku', provider: 'anthropic', gatewayModel: 'anthropic/claude-haiku-4.5', ttftMs: 10, tokensPerSecond: 2000, pricePerMillionTokens: { input: 1, output: 5 }, answer: { policy: 'fixed', text: 'From Haiku.' } },
);

let server: MockServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

type Metadata = {
  generationId: string;
  cost: string;
  marketCost: string;
  routing: { originalModelId: string; finalProvider: string; modelAttempts: Array<{ canonicalSlug: string; success: boolean; providerAttempts: Array<{ provider: string; credentialType: string }> }> };
};

async function call(gateway: ReturnType<typeof createGateway>, options: Record<string, unknown>, model = 'openai/gpt-4o-mini') {
  const result = streamText({ model: gateway(model), prompt: 'Who serves?', maxRetries: 0, providerOptions: { gateway: options as never } });
  return { text: await result.text, metadata: (await result.providerMetadata)?.gateway as unknown as Metadata };
}

describe("the simulator's AI Gateway", () => {
  it('sorts providers by cost, ttft or tps, and order still comes first', async () => {
    server = await startMockServer({ profiles });
    const gateway = createGateway({ baseURL: `${server.url}/v4/ai`, apiKey: 'test' });
    expect((await call(gateway, { sort: 'cost' })).text).toBe('From OpenAI.');
    expect((await call(gateway, { sort: 'ttft' })).text).toBe('From Azure.');
    expect((await call(gateway, { sort: 'tps' })).text).toBe('From Azure.');
    expect((await call(gateway, { sort: 'ttft', order: ['openai'] })).text).toBe('From OpenAI.');
    // The ground truth keeps what was asked.
    const asked = (server.requests() as GatewayRequestRecord[]).map((record) => record.gateway?.options);
    expect(asked).toEqual([{ sort: 'cost' }, { sort: 'ttft' }, { sort: 'tps' }, { sort: 'ttft', order: ['openai'] }]);
  });

  it('serves a models fallback when no provider of the model asked is allowed, and says so in the routing metadata', async () => {
    server = await startMockServer({ profiles });
    const gateway = createGateway({ baseURL: `${server.url}/v4/ai`, apiKey: 'test' });
    const { text, metadata } = await call(gateway, { only: ['anthropic'], models: ['anthropic/claude-haiku-4.5'] });
    expect(text).toBe('From Haiku.');
    expect(metadata.routing.originalModelId).toBe('openai/gpt-4o-mini');
    expect(metadata.routing.modelAttempts.map(({ canonicalSlug, success }) => ({ canonicalSlug, success }))).toEqual([
      { canonicalSlug: 'openai/gpt-4o-mini', success: false },
      { canonicalSlug: 'anthropic/claude-haiku-4.5', success: true },
    ]);
    const [record] = server.requests() as GatewayRequestRecord[];
    expect(record?.gateway).toMatchObject({ requestedModel: 'openai/gpt-4o-mini', servedModel: 'anthropic/claude-haiku-4.5', skippedModels: ['openai/gpt-4o-mini'] });
  });

  it("marks a provider's attempts byok when the request brings its credentials, without the surcharge, and keeps no credential", async () => {
    server = await startMockServer({ profiles });
    const gateway = createGateway({ baseURL: `${server.url}/v4/ai`, apiKey: 'test' });
    const byok = await call(gateway, { only: ['openai'], byok: { openai: [{ apiKey: 'sk-user-secret' }] } });
    const attempts = byok.metadata.routing.modelAttempts.at(-1)!.providerAttempts;
    expect(attempts.map((attempt) => attempt.credentialType)).toEqual(['byok']);
    expect(Number(byok.metadata.cost)).toBe(Number(byok.metadata.marketCost));
    const system = await call(gateway, { only: ['openai'] });
    expect(system.metadata.routing.modelAttempts.at(-1)!.providerAttempts[0]!.credentialType).toBe('system');
    expect(Number(system.metadata.cost)).toBeCloseTo(Number(system.metadata.marketCost) * 1.05, 15);
    expect(JSON.stringify(server.requests())).not.toContain('sk-user-secret');
    expect((server.requests() as GatewayRequestRecord[])[0]?.gateway?.options).toEqual({ only: ['openai'], byok: ['openai'] });
  });

  it('answers getGenerationInfo for the ids it issued, with its own latency, generation time and both costs', async () => {
    server = await startMockServer({ profiles });
    const gateway = createGateway({ baseURL: `${server.url}/v4/ai`, apiKey: 'test' });
    const { metadata } = await call(gateway, { only: ['openai'] });
    const info = await gateway.getGenerationInfo({ id: metadata.generationId });
    const [record] = server.requests();
    expect(info).toMatchObject({
      id: metadata.generationId,
      model: 'openai/gpt-4o-mini',
      providerName: 'openai',
      isByok: false,
      streamed: true,
      finishReason: 'stop',
      promptTokens: record!.inputTokens,
      completionTokens: record!.outputTokens,
    });
    expect(info.totalCost).toBeCloseTo(Number(metadata.cost), 15);
    expect(info.marketCost).toBeCloseTo(Number(metadata.marketCost), 15);
    expect(info.surchargeCost).toBeCloseTo(info.totalCost - info.marketCost!, 15);
    // The gateway's own clock: arrival to first and to last content write, as the simulator recorded them.
    expect(info.latency).toBeCloseTo(record!.chunkTimes[0]! - record!.arrivedAt, 0);
    expect(info.generationTime).toBeCloseTo(record!.chunkTimes.at(-1)! - record!.arrivedAt, 0);
    expect(info.generationTime).toBeGreaterThanOrEqual(info.latency);
    await expect(gateway.getGenerationInfo({ id: 'gen_never_issued' })).rejects.toThrow(/Generation not found/);
  });
});
