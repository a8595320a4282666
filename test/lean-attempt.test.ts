import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../src/config/errors.ts';
import type { Case } from '../src/datasets/case.ts';
import { loadTokenCounter } from '../src/runner/index.ts';
import { closeLeanEngine, engineAttempt } from '../src/runner/lean/engine-attempt.ts';
import { runAttempt } from '../src/runner/run-attempt.ts';
import { resolveTargets, type Target } from '../src/targets/index.ts';

type Seen = { url: string; headers: IncomingHttpHeaders; body: string };

/**
 * A server that records what it was sent, and answers as the request's `x-test-mode` says: a
 * short Chat Completions or Responses stream, a stall after the first chunk, or nothing at all.
 */
function startRecordingServer(seen: Seen[]): Promise<Server> {
  const server = createServer(async (request, response) => {
    let body = '';
    for await (const chunk of request) body += chunk;
    seen.push({ url: request.url ?? '', headers: request.headers, body });
    const model = (JSON.parse(body) as { model: string }).model;
    if (model === 'silent') return; // never answers
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    const chat = (delta: object, finish: string | null) =>
      `data: ${JSON.stringify({ id: 'x', object: 'chat.completion.chunk', created: 1, model, choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
    if (request.url?.endsWith('/responses')) {
      response.end(
        [
          { type: 'response.created', response: { id: 'r', created_at: 1, model } },
          { type: 'response.output_item.added', output_index: 0, item: { type: 'message', id: 'm', role: 'assistant', status: 'in_progress', content: [] } },
          { type: 'response.content_part.added', item_id: 'm', output_index: 0, content_index: 0, part: { type: 'output_text', text: '', annotations: [] } },
          { type: 'response.output_text.delta', item_id: 'm', output_index: 0, content_index: 0, delta: 'Hi' },
          { type: 'response.completed', response: { id: 'r', created_at: 1, model, usage: { input_tokens: 3, output_tokens: 1, input_tokens_details: { cached_tokens: 2 }, output_tokens_details: { reasoning_tokens: 0 } } } },
        ].map((event) => `data: ${JSON.stringify(event)}\n\n`).join(''),
      );
      return;
    }
    response.write(chat({ role: 'assistant', content: 'Hi' }, null));
    if (model === 'staller') return; // holds the stream open, sending nothing more
    response.end(chat({}, 'stop') + `data: ${JSON.stringify({ id: 'x', object: 'chat.completion.chunk', created: 1, model, choices: [], usage: { prompt_tokens: 3, completion_tokens: 1, prompt_tokens_details: { cached_tokens: 2 } } })}\n\ndata: [DONE]\n\n`);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

describe('the lean engine', () => {
  const seen: Seen[] = [];
  let server: Server;
  let url: string;
  let countTokens: Awaited<ReturnType<typeof loadTokenCounter>>;
  beforeAll(async () => {
    server = await startRecordingServer(seen);
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    countTokens = await loadTokenCounter();
  });
  afterAll(async () => {
    await closeLeanEngine();
    server.close();
  });

  const targetsOf = (...specs: string[]) =>
    resolveTargets(specs, { environment: { OPENAI_API_KEY: 'sk-lean-test-0123456789', OPENAI_BASE_URL: `${url}/v1` }, prices: new Map() });
  const lean = (targets: Target[]) => engineAttempt({ engine: 'lean', load: false, targets, settingName: '--engine' })!;
  const testCase: Case = {
    id: 'c',
    line: 1,
    system: 'Be brief.',
    messages: [{ role: 'user', content: 'Say hi' }],
    assert: [],
    tags: [],
    vars: {},
    tools: [{ name: 'lookup', description: 'Look it up', parameters: { type: 'object', properties: { q: { type: 'string' } } } }],
    toolChoice: 'auto',
  };
  const settings = { timeoutMs: 5000, stallTimeoutMs: 5000, maxOutputTokens: 32, temperature: 0.2 };
  const dependencies = () => ({ redact: (text: string) => text.replaceAll('sk-lean-test-0123456789', '[REDACTED]'), countTokens });

  for (const spec of ['openai-compatible:m@URL/v1', 'openai:m']) {
    it(`sends what the SDK engine sends, to the same URL with the same headers (${spec.split(':')[0]})`, async () => {
      const [target] = targetsOf(spec.replace('URL', url));
      seen.length = 0;
      const sdkResult = await runAttempt(target!, testCase, settings, dependencies());
      const leanResult = await lean([target!])({ target: target!, testCase } as never, settings, dependencies());
      expect(seen).toHaveLength(2);
      const [bySdk, byLean] = seen;
      expect(byLean!.url).toBe(bySdk!.url);
      expect(JSON.parse(byLean!.body)).toEqual(JSON.parse(bySdk!.body));
      const headers = (seenHeaders: IncomingHttpHeaders) => ({ authorization: seenHeaders.authorization, 'content-type': seenHeaders['content-type'], 'user-agent': seenHeaders['user-agent'] });
      expect(headers(byLean!.headers)).toEqual(headers(bySdk!.headers));
      const { startedAt: _a, sentAtMs: _b, timing: sdkTiming, ...sdkRest } = sdkResult;
      const { startedAt: _c, sentAtMs: leanSent, timing: leanTiming, ...leanRest } = leanResult;
      expect(leanRest).toEqual(sdkRest);
      expect(leanRest.usage).toMatchObject({ inputTokens: 3, outputTokens: 1, cachedInputTokens: 2, estimated: false });
      expect(Object.keys(leanTiming).sort()).toEqual(Object.keys(sdkTiming).sort());
      expect(leanSent).toBeGreaterThan(0);
    });
  }

  it('ends a stalled stream with the stall timeout, keeping what came, as a timeout error', async () => {
    const [target] = targetsOf(`openai-compatible:staller@${url}/v1`);
    const result = await lean([target!])({ target: target!, testCase } as never, { ...settings, stallTimeoutMs: 300 }, dependencies());
    expect(result.error).toEqual({ type: 'timeout', message: 'stream stalled: nothing received for 300 ms (--stall-timeout-ms)', httpStatus: 200 });
    expect(result.output).toBe('Hi');
  });

  it('ends a request that gets no answer with --timeout-ms', async () => {
    const [target] = targetsOf(`openai-compatible:silent@${url}/v1`);
    const result = await lean([target!])({ target: target!, testCase } as never, { ...settings, timeoutMs: 300 }, dependencies());
    expect(result.error).toEqual({ type: 'timeout', message: 'no complete answer within 300 ms (--timeout-ms)' });
  });

  it('returns an interrupted attempt when the run is interrupted mid-request', async () => {
    const [target] = targetsOf(`openai-compatible:silent@${url}/v1`);
    const interrupt = new AbortController();
    setTimeout(() => interrupt.abort(), 100);
    const result = await lean([target!])({ target: target!, testCase } as never, settings, { ...dependencies(), interrupt: interrupt.signal });
    expect(result.interrupted).toBe(true);
  });

  it('reports a refused connection as a network error that names no key', async () => {
    const closed = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as AddressInfo;
        probe.close(() => resolve(port));
      });
    });
    const [target] = targetsOf(`openai-compatible:m@http://127.0.0.1:${closed}/v1`);
    const result = await lean([target!])({ target: target!, testCase } as never, settings, dependencies());
    const sdkResult = await runAttempt(target!, testCase, settings, dependencies());
    expect(result.error).toEqual(sdkResult.error);
    expect(result.error?.type).toBe('network');
    expect(JSON.stringify(result)).not.toContain('sk-lean-test');
  });
});

describe('engineAttempt', () => {
  const targets = resolveTargets(['openai-compatible:m@http://127.0.0.1:9/v1', 'openai:gpt-4o-mini'], {
    environment: { OPENAI_API_KEY: 'k' },
    prices: new Map(),
  });
  const anthropic = resolveTargets(['anthropic:claude-x'], { environment: { ANTHROPIC_API_KEY: 'k' }, prices: new Map() });
  const choose = (engine: string, load: boolean, chosen = targets) => engineAttempt({ engine, load, targets: chosen, settingName: '--engine' });

  it('leaves sdk to runAttempt, and lean to the lean engine', () => {
    expect(choose('sdk', true)).toBeUndefined();
    expect(choose('lean', false)).toBeTypeOf('function');
  });

  it('picks lean under auto for load only, and only when every target is one lean serves', () => {
    expect(choose('auto', false)).toBeUndefined();
    expect(choose('auto', true)).toBeTypeOf('function');
    expect(choose('auto', true, [...targets, ...anthropic])).toBeUndefined();
  });

  it('refuses lean for a target it cannot serve, naming the setting, the target and why', () => {
    expect(() => choose('lean', true, [...targets, ...anthropic])).toThrow(InputError);
    expect(() => choose('lean', true, anthropic)).toThrow(/--engine lean serves .*\n.*"anthropic:claude-x" \(anthropic\): Anthropic Messages/);
  });

  it('refuses an unknown engine, listing the known ones', () => {
    expect(() => engineAttempt({ engine: 'fast', load: true, targets, settingName: 'load.engine' })).toThrow('Expected load.engine to be one of sdk, lean, auto, got "fast"');
  });
});
