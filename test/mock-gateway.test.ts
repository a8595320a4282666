import { createGateway } from '@ai-sdk/gateway';
import { generateText, streamText } from 'ai';
import { afterEach, describe, expect, it } from 'vitest';
import { constantMockProfiles, startMockServer, type MockServer } from '../src/mock/index.ts';

const price = { input: 0.15, output: 0.6, cachedInput: 0.075 };
const profiles = constantMockProfiles(
  { id: 'mini-openai', provider: 'openai', gatewayModel: 'openai/gpt-4o-mini', ttftMs: 10, tokensPerSecond: 2000, pricePerMillionTokens: price, answer: { policy: 'fixed', text: 'From OpenAI.' } },
  { id: 'mini-azure', provider: 'azure', gatewayModel: 'openai/gpt-4o-mini', ttftMs: 10, tokensPerSecond: 2000, pricePerMillionTokens: price, answer: { policy: 'fixed', text: 'From Azure.' } },
);

let server: MockServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

type Routing = { finalProvider: string; resolvedProvider: string; fallbacksAvailable: string[]; originalModelId: string };

describe('AI Gateway protocol', () => {
  it('streams text, usage, finish reason and routing metadata through @ai-sdk/gateway', async () => {
    server = await startMockServer({ profiles });
    const gateway = createGateway({ baseURL: `${server.url}/v4/ai`, apiKey: 'test' });
    const result = streamText({ model: gateway('openai/gpt-4o-mini'), prompt: 'Who serves?' });
    expect(await result.text).toBe('From OpenAI.');
    expect(await result.finishReason).toBe('stop');
    const [record] = server.requests();
    expect(record).toMatchObject({ protocol: 'gateway', model: 'openai/gpt-4o-mini', servedBy: 'mini-openai' });
    const usage = await result.usage;
    expect(usage.outputTokens).toBe(record?.outputTokens);
    expect(usage.inputTokens).toBe(record?.inputTokens);
    const metadata = (await result.providerMetadata)?.gateway as { routing: Routing; cost: string; generationId: string };
    expect(metadata.routing).toMatchObject({
      originalModelId: 'openai/gpt-4o-mini',
      resolvedProvider: 'openai',
      finalProvider: 'openai',
      fallbacksAvailable: ['azure'],
    });
    // The simulated gateway charges list price plus its documented 5% surcharge.
    const listCost = (record!.inputTokens * 0.15 + record!.outputTokens * 0.6) / 1e6;
    expect(Number((metadata as unknown as { marketCost: string }).marketCost)).toBeCloseTo(listCost, 12);
    expect(Number(metadata.cost)).toBeCloseTo(listCost * 1.05, 12);
    expect(metadata.generationId).toBe(record?.id);
  });

  it('falls back past a provider that fails on its own (profile fault rate), unless pinned to it', async () => {
    const failing = constantMockProfiles(
      { id: 'mini-openai', provider: 'openai', gatewayModel: 'openai/gpt-4o-mini', ttftMs: 10, tokensPerSecond: 2000, faultRates: { server_error: 1 }, answer: { policy: 'fixed', text: 'From OpenAI.' } },
      { id: 'mini-azure', provider: 'azure', gatewayModel: 'openai/gpt-4o-mini', ttftMs: 10, tokensPerSecond: 2000, answer: { policy: 'fixed', text: 'From Azure.' } },
    );
    server = await startMockServer({ profiles: failing });
    const gateway = createGateway({ baseURL: `${server.url}/v4/ai`, apiKey: 'test' });
    const result = streamText({ model: gateway('openai/gpt-4o-mini'), prompt: 'Who serves?', maxRetries: 0 });
    expect(await result.text).toBe('From Azure.');
    const routing = ((await result.providerMetadata)?.gateway as { routing: Routing & { attempts: Array<{ provider: string; success: boolean; statusCode: number }> } }).routing;
    expect(routing).toMatchObject({ finalProvider: 'azure', fallbacksAvailable: [] });
    expect(routing.attempts.map(({ provider, success, statusCode }) => ({ provider, success, statusCode }))).toEqual([
      { provider: 'openai', success: false, statusCode: 500 },
      { provider: 'azure', success: true, statusCode: 200 },
    ]);
    const [record] = server.requests();
    expect(record).toMatchObject({ servedBy: 'mini-azure', status: 200 });
    // The failed attempt took its 30 ms before Azure's 10 ms to the first token.
    expect(record!.chunkTimes[0]! - record!.arrivedAt).toBeGreaterThanOrEqual(39);

    // Pinned to the failing provider, the client gets its error: there is nowhere to fall back to.
    const pinned = streamText({ model: gateway('openai/gpt-4o-mini'), prompt: 'x', maxRetries: 0, onError: () => {}, providerOptions: { gateway: { only: ['openai'] } } });
    await expect(pinned.text).rejects.toThrow();
  });

  it('routes with providerOptions.gateway.only and order', async () => {
    server = await startMockServer({ profiles });
    const gateway = createGateway({ baseURL: `${server.url}/v4/ai`, apiKey: 'test' });
    const only = streamText({
      model: gateway('openai/gpt-4o-mini'),
      prompt: 'x',
      providerOptions: { gateway: { only: ['azure'] } },
    });
    expect(await only.text).toBe('From Azure.');
    expect(((await only.providerMetadata)?.gateway as { routing: Routing }).routing).toMatchObject({
      finalProvider: 'azure',
      fallbacksAvailable: [],
    });
    const ordered = await generateText({
      model: gateway('openai/gpt-4o-mini'),
      prompt: 'x',
      providerOptions: { gateway: { order: ['azure', 'openai'] } },
    });
    expect(ordered.text).toBe('From Azure.');
    expect((ordered.providerMetadata?.gateway as { routing: Routing }).routing.fallbacksAvailable).toEqual(['openai']);
    expect(server.requests().map((record) => record.servedBy)).toEqual(['mini-azure', 'mini-azure']);
  });

  it('lists models with per-token prices at /config', async () => {
    server = await startMockServer({ profiles });
    const gateway = createGateway({ baseURL: `${server.url}/v4/ai`, apiKey: 'test' });
    const { models } = await gateway.getAvailableModels();
    expect(models).toHaveLength(1);
    expect(models[0]).toMatchObject({
      id: 'openai/gpt-4o-mini',
      pricing: { input: '0.00000015', output: '0.0000006', cachedInputTokens: '0.000000075' },
      specification: { specificationVersion: 'v4', provider: 'openai', modelId: 'openai/gpt-4o-mini' },
    });
  });

  it('sends LanguageModelV4 stream parts and gateway-shaped errors', async () => {
    server = await startMockServer({ profiles });
    const post = (model: string, headers: Record<string, string> = {}) =>
      fetch(`${server!.url}/v4/ai/language-model`, {
        method: 'POST',
        headers: { 'ai-language-model-id': model, 'ai-language-model-streaming': 'true', ...headers },
        body: JSON.stringify({ prompt: [{ role: 'user', content: [{ type: 'text', text: 'x' }] }] }),
      });
    const response = await post('openai/gpt-4o-mini');
    const parts = (await response.text())
      .split('\n\n')
      .filter(Boolean)
      .map((event) => JSON.parse(event.slice('data: '.length)));
    expect(parts.map((part) => part.type)).toEqual([
      'stream-start',
      'response-metadata',
      'text-start',
      'text-delta',
      'text-delta',
      'text-delta',
      'text-end',
      'finish',
    ]);
    expect(parts.at(-1)).toMatchObject({
      finishReason: { unified: 'stop', raw: 'stop' },
      usage: { inputTokens: { total: 5, noCache: 5, cacheRead: 0 }, outputTokens: { total: 3, text: 3, reasoning: 0 } },
    });
    const unknown = await post('openai/nope');
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: { type: 'model_not_found', param: { modelId: 'openai/nope' } } });
    const limited = await post('openai/gpt-4o-mini', { 'x-mock-fault': 'rate_limit' });
    expect(limited.status).toBe(429);
    expect(await limited.json()).toMatchObject({ error: { type: 'rate_limit_exceeded' } });
  });

  it('rejects a malformed body and a missing prompt with a 400 the gateway package reads', async () => {
    server = await startMockServer({ profiles });
    const post = (body: string) =>
      fetch(`${server!.url}/v4/ai/language-model`, {
        method: 'POST',
        headers: { 'ai-language-model-id': 'openai/gpt-4o-mini', 'ai-language-model-streaming': 'false' },
        body,
      });
    const malformed = await post('{"prompt": [');
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toEqual({
      error: { message: expect.stringMatching(/^Invalid JSON in request body/), type: 'invalid_request_error', param: null, code: null },
    });
    for (const body of [{}, { prompt: [] }]) {
      const missing = await post(JSON.stringify(body));
      expect(missing.status).toBe(400);
      expect(missing.headers.get('x-request-id')).toMatch(/^gen_mock\d+$/);
      expect(await missing.json()).toEqual({
        error: { message: 'Invalid request: prompt is required', type: 'invalid_request_error', param: null, code: null },
      });
    }
    // Through the package: an invalid request is its GatewayInvalidRequestError, not a crash.
    const gateway = createGateway({
      baseURL: `${server.url}/v4/ai`,
      apiKey: 'test',
      fetch: (url, init) => fetch(url, { ...init, body: '{"prompt": [' }),
    });
    const error = await generateText({ model: gateway('openai/gpt-4o-mini'), prompt: 'x', maxRetries: 0 }).then(
      () => undefined,
      (caught: unknown) => caught as Error,
    );
    expect(error?.name).toBe('GatewayInvalidRequestError');
  });
});
