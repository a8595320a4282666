import { createOpenAI } from '@ai-sdk/openai';
import { generateText, streamText, tool } from 'ai';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { constantMockProfiles, startMockServer, type MockServer } from '../src/mock/index.ts';

const profiles = constantMockProfiles(
  { id: 'gpt-4o-mini', ttftMs: 10, tokensPerSecond: 2000, answer: { policy: 'fixed', text: 'Hello from the Responses API.' } },
  {
    id: 'tool-model',
    ttftMs: 10,
    tokensPerSecond: 2000,
    answer: { policy: 'fixed', text: '', toolCall: { name: 'weather', arguments: { location: 'Paris' } } },
  },
);

let server: MockServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function parseNamedEvents(text: string): Array<{ event: string; data: Record<string, unknown> }> {
  return text
    .split('\n\n')
    .filter(Boolean)
    .map((block) => {
      const [eventLine, dataLine] = block.split('\n');
      return { event: eventLine!.replace('event: ', ''), data: JSON.parse(dataLine!.replace('data: ', '')) };
    });
}

describe('Responses API', () => {
  it('serves openai(model) (Responses by default) with text, usage and finish reason', async () => {
    server = await startMockServer({ profiles });
    const openai = createOpenAI({ baseURL: `${server.url}/v1`, apiKey: 'test' });
    const result = streamText({ model: openai('gpt-4o-mini'), prompt: 'Say hello.' });
    expect(await result.text).toBe('Hello from the Responses API.');
    expect(await result.finishReason).toBe('stop');
    const [record] = server.requests();
    expect(record?.protocol).toBe('responses');
    const usage = await result.usage;
    expect(usage.outputTokens).toBe(record?.outputTokens);
    expect(usage.inputTokens).toBe(record?.inputTokens);
  });

  it('answers generateText without streaming', async () => {
    server = await startMockServer({ profiles });
    const openai = createOpenAI({ baseURL: `${server.url}/v1`, apiKey: 'test' });
    const full = await generateText({ model: openai('gpt-4o-mini'), prompt: 'Say hello.' });
    expect(full.text).toBe('Hello from the Responses API.');
    expect(full.usage.outputTokens).toBe(server.requests()[0]?.outputTokens);
  });

  it('streams function calls', async () => {
    server = await startMockServer({ profiles });
    const openai = createOpenAI({ baseURL: `${server.url}/v1`, apiKey: 'test' });
    const result = streamText({
      model: openai('tool-model'),
      prompt: 'Weather?',
      tools: { weather: tool({ inputSchema: z.object({ location: z.string() }) }) },
    });
    const calls = await result.toolCalls;
    expect(calls.map((call) => [call.toolName, call.input])).toEqual([['weather', { location: 'Paris' }]]);
    expect(await result.finishReason).toBe('tool-calls');
  });

  it('sends the event sequence of the real API', async () => {
    server = await startMockServer({ profiles });
    const response = await fetch(`${server.url}/v1/responses`, {
      method: 'POST',
      body: JSON.stringify({ model: 'gpt-4o-mini', input: 'hi', stream: true, max_output_tokens: 3 }),
    });
    const events = parseNamedEvents(await response.text());
    expect(events.map((event) => event.event)).toEqual([
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.content_part.added',
      'response.output_text.delta',
      'response.output_text.delta',
      'response.output_text.delta',
      'response.output_text.done',
      'response.content_part.done',
      'response.output_item.done',
      'response.incomplete',
    ]);
    for (const event of events) expect(event.data.type).toBe(event.event);
    expect(events.map((event) => event.data.sequence_number)).toEqual(events.map((_event, index) => index));
    expect(events.at(-1)?.data.response).toMatchObject({
      status: 'incomplete',
      incomplete_details: { reason: 'max_output_tokens' },
      usage: { input_tokens: 5, output_tokens: 3, total_tokens: 8, input_tokens_details: { cached_tokens: 0 } },
    });
  });

  it('reports a missing input and an unknown model like OpenAI', async () => {
    server = await startMockServer({ profiles });
    const missing = await fetch(`${server.url}/v1/responses`, { method: 'POST', body: JSON.stringify({ model: 'gpt-4o-mini' }) });
    expect(missing.status).toBe(400);
    expect((await missing.json()).error).toMatchObject({ param: 'input', type: 'invalid_request_error' });
    const unknown = await fetch(`${server.url}/v1/responses`, { method: 'POST', body: JSON.stringify({ model: 'x', input: 'hi' }) });
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).error.code).toBe('model_not_found');
  });

  it('rejects malformed JSON like OpenAI, with a request id', async () => {
    server = await startMockServer({ profiles });
    const malformed = await fetch(`${server.url}/v1/responses`, { method: 'POST', body: '{"model": "gpt-4o-mini", "input": ' });
    expect(malformed.status).toBe(400);
    expect(malformed.headers.get('x-request-id')).toBe(server.requests()[0]?.id);
    expect(await malformed.json()).toEqual({
      error: {
        message: expect.stringMatching(/^We could not parse the JSON body of your request\./),
        type: 'invalid_request_error',
        param: null,
        code: null,
      },
    });
  });
});
