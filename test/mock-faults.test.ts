import { createAnthropic } from '@ai-sdk/anthropic';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { generateText, streamText } from 'ai';
import { classifyError } from '../src/runner/classify-error.ts';
import { afterEach, describe, expect, it } from 'vitest';
import { constantMockProfiles, startMockServer, type MockServer } from '../src/mock/index.ts';

const text = 'alpha beta gamma delta epsilon zeta eta theta';
const profiles = constantMockProfiles({ id: 'm', ttftMs: 5, tokensPerSecond: 1000, answer: { policy: 'fixed', text } });

let server: MockServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function chat(headers: Record<string, string>, options: { stream?: boolean; path?: string; body?: unknown } = {}) {
  const body = options.body ?? { model: 'm', messages: [{ role: 'user', content: 'x' }], stream: options.stream ?? true };
  return fetch(`${server!.url}${options.path ?? '/v1/chat/completions'}`, {
    method: 'POST',
    headers,
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(3_000),
  });
}

describe('faults requested per request', () => {
  it.each([
    ['rate_limit', 429, 'retry-after', '1'],
    ['rate_limit_ms', 429, 'retry-after-ms', '250'],
    ['rate_limit_reset', 429, 'x-ratelimit-reset-requests', '6m0s'],
  ])('%s: 429 with its retry header', async (kind, status, header, value) => {
    server = await startMockServer({ profiles });
    const response = await chat({ 'x-mock-fault': kind });
    expect(response.status).toBe(status);
    expect(response.headers.get(header)).toBe(value);
    expect(await response.json()).toMatchObject({ error: { code: 'rate_limit_exceeded', type: 'requests' } });
    const overridden = await chat({ 'x-mock-fault': kind, 'x-mock-retry-after': '7' });
    expect(overridden.headers.get(header)).toBe('7');
    expect(server.requests()[0]).toMatchObject({ fault: kind, status: 429, outputTokens: 0, answer: '' });
  });

  it.each([
    ['auth', 401, 'invalid_api_key'],
    ['server_error', 500, null],
    ['unavailable', 503, null],
    ['overloaded', 503, 'overloaded'],
  ])('%s: status %i in the OpenAI error format', async (kind, status, code) => {
    server = await startMockServer({ profiles });
    const response = await chat({ 'x-mock-fault': kind });
    expect(response.status).toBe(status);
    const body = await response.json();
    expect(body.error).toMatchObject({ message: expect.any(String), type: expect.any(String), param: null, code });
  });

  it('html_error: a 502 HTML page as a proxy sends it', async () => {
    server = await startMockServer({ profiles });
    const response = await chat({ 'x-mock-fault': 'html_error' });
    expect(response.status).toBe(502);
    expect(response.headers.get('content-type')).toBe('text/html');
    expect(await response.text()).toContain('<h1>502 Bad Gateway</h1>');
  });

  it('hang: no headers until the client gives up; close() does not wait for it', async () => {
    server = await startMockServer({ profiles });
    const started = Date.now();
    await expect(
      fetch(`${server.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'x-mock-fault': 'hang' },
        body: JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'x' }] }),
        signal: AbortSignal.timeout(200),
      }),
    ).rejects.toThrow();
    expect(Date.now() - started).toBeGreaterThanOrEqual(195);
    expect(server.requests()[0]).toMatchObject({ fault: 'hang', status: 0 });
    expect(server.requests()[0]?.headersAt).toBeUndefined();
  });

  it('stall: some chunks, then silence with the connection open', async () => {
    server = await startMockServer({ profiles });
    const response = await chat({ 'x-mock-fault': 'stall', 'x-mock-fault-after-chunks': '3' });
    expect(response.status).toBe(200);
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    const contentsOf = (text: string) => text.match(/"content":"[^"]+"/g) ?? [];
    // The three chunks come, however busy the machine is; then nothing does for 200 ms, long
    // after the next one was due (at 1000 tokens/s, in a millisecond).
    let received = '';
    while (contentsOf(received).length < 3) {
      const next = await reader.read();
      if (next.done) throw new Error(`stream ended after ${received}; a stall must not end it`);
      received += decoder.decode(next.value);
    }
    const after = await Promise.race([reader.read(), new Promise<'silence'>((resolve) => setTimeout(resolve, 200, 'silence'))]);
    expect(after).toBe('silence');
    await reader.cancel();
    expect(contentsOf(received)).toEqual(['"content":"alpha"', '"content":" beta"', '"content":" gamma"']);
    expect(server.requests()[0]?.chunkTimes).toHaveLength(3);
    // Hang and stall leave open sockets behind; close() must not wait for them, which would be
    // for ever. The bound only tells "returned" from "waits", on however busy a machine.
    const closing = Date.now();
    await server.close();
    server = undefined;
    expect(Date.now() - closing).toBeLessThan(5000);
  });

  it('drop: some chunks, then the socket is destroyed', async () => {
    server = await startMockServer({ profiles });
    const response = await chat({ 'x-mock-fault': 'drop', 'x-mock-fault-after-chunks': '2' });
    expect(response.status).toBe(200);
    await expect(response.text()).rejects.toThrow();
    expect(server.requests()[0]?.chunkTimes).toHaveLength(2);
  });

  it('malformed: an invalid data line reaches the SDK as a stream error', async () => {
    server = await startMockServer({ profiles });
    const provider = createOpenAICompatible({
      name: 'mock',
      baseURL: `${server.url}/v1`,
      includeUsage: true,
      headers: { 'x-mock-fault': 'malformed' },
    });
    const errors: unknown[] = [];
    const result = streamText({ model: provider('m'), prompt: 'x', onError: ({ error }) => void errors.push(error) });
    const parts: string[] = [];
    for await (const part of result.fullStream) parts.push(part.type);
    expect(parts).toContain('error');
  });

  it('error_event: an error inside a 200 stream, in each protocol format', async () => {
    server = await startMockServer({ profiles });
    const headers = { 'x-mock-fault': 'error_event', 'x-mock-fault-after-chunks': '1' };
    const chatText = await (await chat(headers)).text();
    expect(chatText).toContain('data: {"error":{"message"');
    expect(chatText).not.toContain('[DONE]');
    const anthropicText = await (
      await chat(headers, {
        path: '/v1/messages',
        body: { model: 'm', max_tokens: 50, stream: true, messages: [{ role: 'user', content: 'x' }] },
      })
    ).text();
    expect(anthropicText).toContain('event: error\ndata: {"type":"error","error":{"type":"overloaded_error"');
    const responsesText = await (await chat(headers, { path: '/v1/responses', body: { model: 'm', input: 'x', stream: true } })).text();
    expect(responsesText).toContain('event: error\n');
    expect(responsesText).toContain('event: response.failed\n');
  });

  it('rejects an unknown fault kind with a 400 naming the valid ones', async () => {
    server = await startMockServer({ profiles });
    const response = await chat({ 'x-mock-fault': 'gremlins' });
    expect(response.status).toBe(400);
    expect((await response.json()).error.message).toContain('rate_limit');
  });
});

describe("rate limits in each protocol's own headers", () => {
  const anthropicBody = { model: 'm', max_tokens: 50, messages: [{ role: 'user', content: 'x' }] };
  const secondsFromNow = (stamp: string | null) => (Date.parse(stamp ?? '') - Date.now()) / 1000;

  it.each([
    ['rate_limit', {}, '1', 1],
    ['rate_limit_ms', {}, '1', 0.25],
    ['rate_limit_reset', {}, null, 360],
    ['rate_limit_reset', { 'x-mock-retry-after': '200ms' }, null, 0.2],
  ] as const)('Anthropic %s %j: retry-after %s, limits reset in %ss', async (kind, extra, retryAfter, resetSeconds) => {
    server = await startMockServer({ profiles });
    const response = await chat({ 'x-mock-fault': kind, ...extra }, { path: '/v1/messages', body: anthropicBody });
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe(retryAfter);
    for (const limit of ['requests', 'tokens']) {
      const stamp = response.headers.get(`anthropic-ratelimit-${limit}-reset`);
      expect(stamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
      expect(secondsFromNow(stamp)).toBeCloseTo(resetSeconds, 0);
    }
    // Nothing of OpenAI's.
    for (const header of ['retry-after-ms', 'x-ratelimit-reset-requests', 'x-request-id']) expect(response.headers.get(header)).toBeNull();
    expect(response.headers.get('request-id')).toBe(server.requests()[0]?.id);
    expect(await response.json()).toEqual({ type: 'error', error: { type: 'rate_limit_error', message: expect.any(String) } });
  });

  it.each([
    ['rate_limit', {}, 1000],
    ['rate_limit_ms', {}, 1000],
    ['rate_limit_reset', { 'x-mock-retry-after': '200ms' }, 200],
  ] as const)('Anthropic %s: the harness reads the wait from the SDK error', async (kind, extra, waitMs) => {
    server = await startMockServer({ profiles });
    const anthropic = createAnthropic({ baseURL: `${server.url}/v1`, apiKey: 'test', headers: { 'x-mock-fault': kind, ...extra } });
    const error = await generateText({ model: anthropic('m'), prompt: 'x', maxRetries: 0 }).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    const classified = classifyError(error, { chunkTimes: [] });
    expect(classified).toMatchObject({ type: 'rate_limited', httpStatus: 429 });
    // A reset time is read against the clock, so it arrives a little used up.
    expect(classified.retryAfterMs).toBeGreaterThan(waitMs - 100);
    expect(classified.retryAfterMs).toBeLessThanOrEqual(waitMs);
  });

  it('OpenAI routes keep OpenAI headers and the request id in x-request-id', async () => {
    server = await startMockServer({ profiles });
    const response = await chat({ 'x-mock-fault': 'rate_limit_ms' });
    expect(response.headers.get('retry-after-ms')).toBe('250');
    expect(response.headers.get('anthropic-ratelimit-requests-reset')).toBeNull();
    expect(response.headers.get('x-request-id')).toBe(server.requests()[0]?.id);
    expect((await response.json()).error.message).toBe('Rate limit reached for requests. Please try again in 250ms.');
  });
});

describe('ground truth records only what was written', () => {
  /** Reads whatever arrives within `windowMs`; a dropped or stalled stream is not an error here. */
  async function drain(headers: Record<string, string>, stream: boolean, windowMs = 300): Promise<string> {
    const signal = AbortSignal.timeout(windowMs);
    let received = '';
    try {
      const response = await fetch(`${server!.url}/v1/chat/completions`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'x' }], stream }),
        signal,
      });
      const decoder = new TextDecoder();
      for await (const part of response.body!) received += decoder.decode(part as Uint8Array, { stream: true });
    } catch {
      // Dropped, or cut off by our own timeout.
    }
    return received;
  }

  it.each([
    ['stall', 3, 'alpha beta gamma'],
    ['drop', 2, 'alpha beta'],
    ['error_event', 1, 'alpha'],
  ])('%s after %i chunks: the answer and output tokens of those chunks only', async (kind, after, answer) => {
    server = await startMockServer({ profiles });
    const received = await drain({ 'x-mock-fault': kind, 'x-mock-fault-after-chunks': String(after) }, true);
    // A destroyed socket may lose the last bytes on the client's side; the server's record may not.
    const contents = received.match(/"content":"[^"]+"/g) ?? [];
    if (kind === 'drop') expect(contents.length).toBeLessThanOrEqual(after);
    else expect(contents).toHaveLength(after);
    expect(server.requests()[0]).toMatchObject({ fault: kind, status: 200, answer, outputTokens: after });
  });

  it.each(['stall', 'drop', 'error_event', 'malformed'])('%s without streaming: no answer, no output tokens', async (kind) => {
    server = await startMockServer({ profiles });
    await drain({ 'x-mock-fault': kind }, false);
    const [record] = server.requests();
    expect(record).toMatchObject({ fault: kind, answer: '', outputTokens: 0 });
    // A connection dropped before the body never had a status line either.
    if (kind === 'drop') expect(record?.status).toBe(0);
  });

  it('a clean response records the whole answer', async () => {
    server = await startMockServer({ profiles });
    await drain({}, true);
    await drain({}, false);
    expect(server.requests()).toHaveLength(2);
    for (const record of server.requests()) expect(record).toMatchObject({ answer: text, outputTokens: 8 });
  });
});

describe('fault plan: the first request fails, the retry succeeds', () => {
  it('lets the AI SDK retry a planned 429 and succeed', async () => {
    server = await startMockServer({ profiles, faultPlan: [{ kind: 'rate_limit', count: 1, match: { model: 'm' } }] });
    const provider = createOpenAICompatible({ name: 'mock', baseURL: `${server.url}/v1`, includeUsage: true });
    const result = streamText({ model: provider('m'), prompt: 'x', maxRetries: 2 });
    expect(await result.text).toBe(text);
    expect(server.requests().map((record) => [record.status, record.fault])).toEqual([
      [429, 'rate_limit'],
      [200, undefined],
    ]);
  });

  it('takes plan entries over HTTP, in order', async () => {
    server = await startMockServer({ profiles });
    const added = await fetch(`${server.url}/__mock/faults`, {
      method: 'POST',
      body: JSON.stringify([{ kind: 'server_error' }, { kind: 'auth', count: 2 }]),
    });
    expect(added.status).toBe(200);
    const statuses: number[] = [];
    for (let index = 0; index < 4; index++) statuses.push((await chat({}, { stream: false })).status);
    expect(statuses).toEqual([500, 401, 401, 200]);
    const records = await (await fetch(`${server.url}/__mock/requests`)).json();
    expect(records).toHaveLength(4);
    await fetch(`${server.url}/__mock/requests`, { method: 'DELETE' });
    expect(server.requests()).toEqual([]);
  });
});
