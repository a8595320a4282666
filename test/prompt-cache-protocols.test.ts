import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Case } from '../src/datasets/case.ts';
import { constantMockProfiles, startMockServer, type MockServer } from '../src/mock/index.ts';
import { closeLeanEngine, leanEngineAttempt } from '../src/runner/lean/engine-attempt.ts';
import { createChatExtractor } from '../src/runner/lean/chat-extractor.ts';
import { runAttempt, type AttemptResult, type AttemptSettings } from '../src/runner/run-attempt.ts';
import { resolveTargets, type Target } from '../src/targets/index.ts';

// About 3000 simulator tokens shared by every case, then a question of its own.
const document = Array.from({ length: 1500 }, (_, index) => `word${index % 97} filler`).join(' ');
const caseAsking = (id: string, question: string): Case => ({
  id,
  line: 1,
  system: 'Answer from the document.',
  messages: [{ role: 'user', content: `<document>${document}</document>\n${question}` }],
  assert: [],
  tags: [],
  vars: {},
});
const settings: AttemptSettings = { timeoutMs: 30_000, stallTimeoutMs: 30_000 };
const bustedSettings: AttemptSettings = { ...settings, cacheBust: true };
const dependencies = { redact: (text: string) => text, countTokens: (text: string) => Math.ceil(text.length / 4) };

/**
 * Without --cache-bust, a record keeps the cached input tokens every protocol reports, each in its
 * own field: Chat Completions `prompt_tokens_details.cached_tokens`, the Responses API
 * `input_tokens_details.cached_tokens`, Anthropic `cache_read_input_tokens` (apart from `input_tokens`).
 */
describe('cached input tokens, read from every protocol by both engines', () => {
  let server: MockServer;
  const targets = new Map<string, Target>();
  beforeAll(async () => {
    server = await startMockServer({ profiles: constantMockProfiles({ id: 'm', ttftMs: 5, tokensPerSecond: 1000, answer: { policy: 'fixed', text: 'ok' } }) });
    const environment = { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: `${server.url}/v1`, ANTHROPIC_API_KEY: 'k-test', ANTHROPIC_BASE_URL: `${server.url}/v1` };
    for (const spec of [`openai-compatible:m@${server.url}/v1`, 'openai:m', 'anthropic:m']) {
      targets.set(spec.split(':')[0]!, resolveTargets([spec], { environment, prices: new Map() })[0]!);
    }
  });
  afterAll(async () => {
    await closeLeanEngine();
    await server?.close();
  });

  const engines = {
    sdk: (target: Target, testCase: Case, chosen = settings) => runAttempt(target, testCase, chosen, dependencies),
    lean: (target: Target, testCase: Case, chosen = settings) => leanEngineAttempt()({ target, testCase, repeat: 1, prompt: undefined } as never, chosen, dependencies),
  };
  const cases: Array<[string, keyof typeof engines]> = [
    ['openai-compatible', 'sdk'],
    ['openai', 'sdk'],
    ['anthropic', 'sdk'],
    ['openai-compatible', 'lean'],
    ['openai', 'lean'],
  ];

  it.each(cases)('%s (%s engine): the first case is cold, the next one warm with its shared prefix cached', async (kind, engine) => {
    const target = targets.get(kind)!;
    const send = engines[engine];
    // Each run of this test asks its own questions behind a prefix of its own, so the runs do not share a cache.
    const tagged = (question: string) => caseAsking(`${kind}-${engine}`, `${question} (${kind} ${engine})`);
    const variant = `${kind}-${engine}: `;
    const first: AttemptResult = await send(target, { ...tagged('Q1'), system: variant + 'Answer from the document.' });
    const second: AttemptResult = await send(target, { ...tagged('Q2'), system: variant + 'Answer from the document.' });
    expect(first.error).toBeUndefined();
    expect(second.error).toBeUndefined();
    expect(first.usage.cachedInputTokens ?? 0).toBe(0);
    expect(second.usage.cachedInputTokens).toBeGreaterThanOrEqual(2048);
    expect(second.usage.cachedInputTokens).toBeLessThan(second.usage.inputTokens!);
    // Anthropic's total input is its input_tokens plus the cache reads: the record's input is the whole prompt.
    expect(Math.abs(second.usage.inputTokens! - first.usage.inputTokens!)).toBeLessThan(10);
  });

  it.each(cases)('%s (%s engine) under --cache-bust: the same case again is still cold', async (kind, engine) => {
    const target = targets.get(kind)!;
    const send = engines[engine];
    const testCase = { ...caseAsking(`${kind}-${engine}-busted`, 'Q'), system: `${kind}-${engine} busted: Answer from the document.` };
    const results = [await send(target, testCase, bustedSettings), await send(target, testCase, bustedSettings)];
    for (const result of results) {
      expect(result.error).toBeUndefined();
      expect(result.usage.cachedInputTokens ?? 0).toBe(0);
    }
    // And without it, the same prompt a third time is warm: the cache was there to hit.
    expect((await send(target, testCase)).usage.cachedInputTokens ?? 0).toBe(0);
    expect((await send(target, testCase)).usage.cachedInputTokens).toBeGreaterThanOrEqual(2048);
  });
});

const recorded = '/work/shared/reference/provider-streams/xai-tool-call.chunks.txt';

describe.skipIf(!existsSync(recorded))('cached input tokens in a recorded stream (xAI, Chat Completions: 306 of 307 prompt tokens cached)', () => {
  const lines = existsSync(recorded) ? readFileSync(recorded, 'utf8').split('\n').filter((line) => line.trim() !== '') : [];
  let server: Server;
  let url: string;
  beforeAll(async () => {
    server = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.end(lines.map((line) => `data: ${line}\n\n`).join('') + 'data: [DONE]\n\n');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  });
  afterAll(() => server?.close());

  it('the lean extractor and the SDK engine both keep them', async () => {
    const extractor = createChatExtractor();
    for (const line of lines) extractor.onEvent(line, 0);
    extractor.finish();
    expect(extractor.extraction.usage?.inputTokenDetails).toEqual({ cacheReadTokens: 306 });
    const target = resolveTargets([`openai-compatible:grok@${url}`], { environment: {}, prices: new Map() })[0]!;
    const result = await runAttempt(target, caseAsking('x', 'Q'), settings, dependencies);
    expect(result.usage).toMatchObject({ inputTokens: 307, cachedInputTokens: 306 });
  });
});
