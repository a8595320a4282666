import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GatewayLanguageModelEntry } from '@ai-sdk/gateway';
import { afterEach, describe, expect, it } from 'vitest';
import { fetchGatewayModels, pricesFromGatewayModels } from './gateway-prices.ts';

const entry = (id: string, pricing: GatewayLanguageModelEntry['pricing'], modelType: GatewayLanguageModelEntry['modelType'] = 'language'): GatewayLanguageModelEntry => ({
  id,
  name: id,
  pricing,
  modelType,
  specification: { specificationVersion: 'v4', provider: id.split('/')[0]!, modelId: id },
});
const dated = { source: 'https://gateway.example/v4/ai/config', asOf: '2026-12-07' };

describe('pricesFromGatewayModels', () => {
  it('turns USD per token into rows in USD per million tokens, each dated and sourced', () => {
    const { rows, skipped, otherKinds } = pricesFromGatewayModels(
      [entry('openai/gpt-4o-mini', { input: '0.00000015', output: '0.0000006', cachedInputTokens: '0.000000075' }), entry('mistral/small', { input: '0.0000008', output: '0.0000024' })],
      dated,
    );
    expect(rows).toEqual([
      { model: 'openai/gpt-4o-mini', input: 0.15, output: 0.6, cached_input: 0.075, source: dated.source, as_of: '2026-12-07' },
      { model: 'mistral/small', input: 0.8, output: 2.4, source: dated.source, as_of: '2026-12-07' },
    ]);
    expect(skipped).toEqual([]);
    expect(otherKinds).toBe(0);
  });

  it('skips, with the reason, a model without pricing or with one the table cannot hold: never a price of 0', () => {
    const { rows, skipped } = pricesFromGatewayModels(
      [
        entry('free/none', null),
        entry('odd/text', { input: 'call us', output: '0.000001' }),
        entry('odd/negative', { input: '-0.000001', output: '0.000001' }),
        entry('odd/huge', { input: '5', output: '0.000001' }),
        entry('evil/\u001b[31mred', { input: '0.000001', output: '0.000001' }),
        entry('dup/model', { input: '0.000001', output: '0.000002' }),
        entry('dup/model', { input: '0.000009', output: '0.000009' }),
      ],
      dated,
    );
    expect(rows.map((row) => [row.model, row.input, row.output])).toEqual([['dup/model', 1, 2]]);
    expect(skipped.map((model) => model.model)).toEqual(['free/none', 'odd/text', 'odd/negative', 'odd/huge', 'evil/\u001b[31mred', 'dup/model']);
    expect(skipped[0]!.reason).toBe('no pricing in the list');
    expect(skipped[1]!.reason).toBe('not a price in USD per token: input "call us"');
    expect(skipped[2]!.reason).toContain('input "-0.000001"');
    // $5 a token is $5,000,000 per million: over the table's bound.
    expect(skipped[3]!.reason).toMatch(/^input: expected .*1000000/);
    expect(skipped[4]!.reason).toMatch(/^model: /);
    expect(skipped[5]!.reason).toBe('listed twice; the first entry is kept');
  });

  it('leaves out image, embedding and other models that are not priced per token of text, and counts them', () => {
    const { rows, otherKinds } = pricesFromGatewayModels(
      [entry('openai/text-embedding-3-small', { input: '0.00000002', output: '0' }, 'embedding'), entry('bfl/flux', { input: '0.04', output: '0' }, 'image'), entry('legacy/untyped', { input: '0.000001', output: '0.000002' }, null)],
      dated,
    );
    expect(rows.map((row) => row.model)).toEqual(['legacy/untyped']);
    expect(otherKinds).toBe(2);
  });
});

describe('fetchGatewayModels', () => {
  let server: Server | undefined;
  afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  it("reads GET {baseURL}/config in the gateway's wire shape, with the key, through the installed package", async () => {
    const seen: Array<{ url: string | undefined; headers: IncomingHttpHeaders }> = [];
    server = createServer((request, response) => {
      seen.push({ url: request.url, headers: request.headers });
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({
        models: [
          { id: 'openai/gpt-4o-mini', name: 'GPT-4o mini', pricing: { input: '0.00000015', output: '0.0000006', input_cache_read: '0.000000075', input_cache_write: null }, specification: { specificationVersion: 'v4', provider: 'openai', modelId: 'openai/gpt-4o-mini' }, modelType: 'language' },
          { id: 'free/none', name: 'None', pricing: null, specification: { specificationVersion: 'v4', provider: 'free', modelId: 'free/none' } },
        ],
      }));
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v4/ai`;
    const models = await fetchGatewayModels({ apiKey: 'test-gateway-key', baseURL });
    expect(seen.map((request) => request.url)).toEqual(['/v4/ai/config']);
    expect(seen[0]!.headers.authorization).toBe('Bearer test-gateway-key');
    const { rows, skipped } = pricesFromGatewayModels(models, dated);
    expect(rows).toEqual([{ model: 'openai/gpt-4o-mini', input: 0.15, output: 0.6, cached_input: 0.075, source: dated.source, as_of: '2026-12-07' }]);
    expect(skipped).toEqual([{ model: 'free/none', reason: 'no pricing in the list' }]);
  });
});

describe('model ids that a price file could not hold', () => {
  it('skips an id with a line break or a space, with its reason, rather than write a row that splits the file', () => {
    const pricing = { input: '0.0000001', output: '0.0000002' };
    const models = [
      { id: 'bad/nl\nprices: []', name: 'x', pricing, specification: { specificationVersion: 'v4', provider: 'x', modelId: 'x' } },
      { id: 'sp ace/x', name: 'y', pricing, specification: { specificationVersion: 'v4', provider: 'x', modelId: 'y' } },
      { id: 'good/model', name: 'z', pricing, specification: { specificationVersion: 'v4', provider: 'x', modelId: 'z' } },
    ];
    const result = pricesFromGatewayModels(models as never, { source: 'https://example.test/config', asOf: '2026-12-07' });
    expect(result.rows.map((row) => row.model)).toEqual(['good/model']);
    expect(result.skipped.map((skip) => skip.reason)).toEqual(['model: a model id has no spaces or line breaks', 'model: a model id has no spaces or line breaks']);
  });
});
