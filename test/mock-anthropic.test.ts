import { createAnthropic } from '@ai-sdk/anthropic';
import { generateText, streamText, tool } from 'ai';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { constantMockProfiles, startMockServer, type MockServer } from '../src/mock/index.ts';

const profiles = constantMockProfiles(
  { id: 'claude-sonnet-4', ttftMs: 10, tokensPerSecond: 2000, tokensPerChunk: 3, answer: { policy: 'fixed', text: 'Hello! How can I help you today?' } },
  {
    id: 'claude-tool',
    ttftMs: 10,
    tokensPerSecond: 2000,
    answer: { policy: 'fixed', text: 'Let me check.', toolCall: { name: 'weather', arguments: { location: 'Oslo' } } },
  },
);

let server: MockServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('Anthropic Messages', () => {
  it('streams text, usage and finish reason to @ai-sdk/anthropic', async () => {
    server = await startMockServer({ profiles });
    const anthropic = createAnthropic({ baseURL: `${server.url}/v1`, apiKey: 'test' });
    const result = streamText({ model: anthropic('claude-sonnet-4'), prompt: 'Hi', maxOutputTokens: 1000 });
    expect(await result.text).toBe('Hello! How can I help you today?');
    expect(await result.finishReason).toBe('stop');
    const [record] = server.requests();
    const usage = await result.usage;
    expect(usage.outputTokens).toBe(record?.outputTokens);
    expect(usage.inputTokens).toBe(record?.inputTokens);
    // Three tokens per chunk: 9 tokens make 3 chunks.
    expect(record?.chunkTimes).toHaveLength(Math.ceil(record!.outputTokens / 3));
  });

  it('answers without streaming', async () => {
    server = await startMockServer({ profiles });
    const anthropic = createAnthropic({ baseURL: `${server.url}/v1`, apiKey: 'test' });
    const result = await generateText({ model: anthropic('claude-sonnet-4'), prompt: 'Hi', maxOutputTokens: 1000 });
    expect(result.text).toBe('Hello! How can I help you today?');
    expect(result.usage.outputTokens).toBe(server.requests()[0]?.outputTokens);
  });

  it('streams text then a tool_use block', async () => {
    server = await startMockServer({ profiles });
    const anthropic = createAnthropic({ baseURL: `${server.url}/v1`, apiKey: 'test' });
    const result = streamText({
      model: anthropic('claude-tool'),
      prompt: 'Weather?',
      maxOutputTokens: 1000,
      tools: { weather: tool({ inputSchema: z.object({ location: z.string() }) }) },
    });
    expect(await result.text).toBe('Let me check.');
    const calls = await result.toolCalls;
    expect(calls.map((call) => [call.toolName, call.input])).toEqual([['weather', { location: 'Oslo' }]]);
    expect(await result.finishReason).toBe('tool-calls');
  });

  it('sends the event sequence of the real API', async () => {
    server = await startMockServer({ profiles });
    const response = await fetch(`${server.url}/v1/messages`, {
      method: 'POST',
      body: JSON.stringify({
        model: 'claude-tool',
        max_tokens: 100,
        stream: true,
        messages: [{ role: 'user', content: 'x' }],
        tools: [{ name: 'weather', input_schema: { type: 'object' } }],
      }),
    });
    const events = (await response.text())
      .split('\n\n')
      .filter(Boolean)
      .map((block) => {
        const [eventLine, dataLine] = block.split('\n');
        const data = JSON.parse(dataLine!.slice('data: '.length));
        expect(eventLine).toBe(`event: ${data.type}`);
        return data;
      });
    const names = events.map((event) => (event.delta?.type ? `${event.type}:${event.delta.type}` : event.type));
    // Runs of identical deltas collapsed: one per token here.
    const collapsed = names.filter((name, index) => name !== names[index - 1]);
    expect(collapsed).toEqual([
      'message_start',
      'content_block_start',
      'ping',
      'content_block_delta:text_delta',
      'content_block_stop',
      'content_block_start',
      'content_block_delta:input_json_delta',
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
    const text = events.filter((event) => event.delta?.type === 'text_delta').map((event) => event.delta.text);
    expect(text).toEqual(['Let', ' me', ' check', '.']);
    const json = events.filter((event) => event.delta?.type === 'input_json_delta').map((event) => event.delta.partial_json);
    // The block opens with an empty delta, as Anthropic's does; the others carry a token each.
    expect(json[0]).toBe('');
    json.shift();
    expect(JSON.parse(json.join(''))).toEqual({ location: 'Oslo' });
    const toolStart = events.find((event) => event.content_block?.type === 'tool_use');
    expect(toolStart).toMatchObject({ index: 1, content_block: { name: 'weather', input: {} } });
    expect(events.at(-2)).toMatchObject({
      delta: { stop_reason: 'tool_use' },
      usage: { output_tokens: text.length + json.length },
    });
  });

  it('reports errors in the Anthropic format and wording, with a request-id header', async () => {
    server = await startMockServer({ profiles });
    const post = (body: string, headers: Record<string, string> = {}) =>
      fetch(`${server!.url}/v1/messages`, { method: 'POST', body, headers });
    const invalid = (message: string) => ({ type: 'error', error: { type: 'invalid_request_error', message } });
    const malformed = await post('{');
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toEqual(invalid(expect.stringMatching(/^The request body is not valid JSON: /)));
    expect(malformed.headers.get('request-id')).toMatch(/^msg_mock\d+$/);
    expect(malformed.headers.get('x-request-id')).toBeNull();
    const missing = await post(JSON.stringify({ model: 'claude-sonnet-4', max_tokens: 5 }));
    expect(missing.status).toBe(400);
    expect(await missing.json()).toEqual(invalid('messages: Field required'));
    const empty = await post(JSON.stringify({ model: 'claude-sonnet-4', max_tokens: 5, messages: [] }));
    expect(empty.status).toBe(400);
    expect(await empty.json()).toEqual(invalid('messages: at least one message is required'));
    const noLimit = await post(JSON.stringify({ model: 'claude-sonnet-4', messages: [{ role: 'user', content: 'x' }] }));
    expect(await noLimit.json()).toEqual(invalid('max_tokens: Field required'));
    const unknown = await post(JSON.stringify({ model: 'nope', max_tokens: 5, messages: [{ role: 'user', content: 'x' }] }));
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ type: 'error', error: { type: 'not_found_error', message: 'model: nope' } });
    expect(server.requests().map((record) => record.status)).toEqual([400, 400, 400, 400, 404]);
    const overloaded = await post(
      JSON.stringify({ model: 'claude-sonnet-4', max_tokens: 5, messages: [{ role: 'user', content: 'x' }] }),
      { 'x-mock-fault': 'overloaded' },
    );
    expect(overloaded.status).toBe(529);
    expect(await overloaded.json()).toEqual({ type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } });
  });
});
