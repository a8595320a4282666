import { createOpenAI } from '@ai-sdk/openai';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { generateText, streamText, tool } from 'ai';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { constantMockProfiles, startMockServer, type MockServer } from '../src/mock/index.ts';

const profiles = constantMockProfiles(
  { id: 'fixed-model', ttftMs: 20, tokensPerSecond: 1000, answer: { policy: 'fixed', text: 'Paris is the capital of France.' } },
  {
    id: 'tool-model',
    ttftMs: 20,
    tokensPerSecond: 1000,
    answer: { policy: 'fixed', text: '', toolCall: { name: 'weather', arguments: { location: 'San Francisco' } } },
  },
  { id: 'echo-model', ttftMs: 5, tokensPerSecond: 2000 },
);

let server: MockServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(): Promise<MockServer> {
  server = await startMockServer({ profiles });
  return server;
}

describe('Chat Completions through the AI SDK', () => {
  it('streams text, usage and finish reason to @ai-sdk/openai-compatible', async () => {
    const { url, requests } = await start();
    const provider = createOpenAICompatible({ name: 'mock', baseURL: `${url}/v1`, includeUsage: true });
    const result = streamText({ model: provider('fixed-model'), prompt: 'Capital of France?' });
    expect(await result.text).toBe('Paris is the capital of France.');
    expect(await result.finishReason).toBe('stop');
    const usage = await result.usage;
    const [record] = requests();
    expect(record?.stream).toBe(true);
    expect(usage.outputTokens).toBe(record?.outputTokens);
    expect(usage.inputTokens).toBe(record?.inputTokens);
    expect(record?.chunkTimes).toHaveLength(record?.outputTokens ?? -1);
  });

  it('serves createOpenAI().chat() streaming and generateText without streaming', async () => {
    const { url, requests } = await start();
    const openai = createOpenAI({ baseURL: `${url}/v1`, apiKey: 'test' });
    const streamed = streamText({ model: openai.chat('fixed-model'), prompt: 'Capital?' });
    expect(await streamed.text).toBe('Paris is the capital of France.');
    expect((await streamed.usage).outputTokens).toBe(requests()[0]?.outputTokens);
    const generated = await generateText({ model: openai.chat('fixed-model'), prompt: 'Capital?' });
    expect(generated.text).toBe('Paris is the capital of France.');
    expect(generated.usage.outputTokens).toBe(requests()[1]?.outputTokens);
    expect(requests()[1]?.stream).toBe(false);
  });

  it('streams a tool call with finish reason tool-calls', async () => {
    const { url } = await start();
    const provider = createOpenAICompatible({ name: 'mock', baseURL: `${url}/v1`, includeUsage: true });
    const result = streamText({
      model: provider('tool-model'),
      prompt: 'Weather in SF?',
      tools: { weather: tool({ inputSchema: z.object({ location: z.string() }) }) },
    });
    const calls = await result.toolCalls;
    expect(calls).toHaveLength(1);
    expect(calls[0]?.toolName).toBe('weather');
    expect(calls[0]?.input).toEqual({ location: 'San Francisco' });
    expect(await result.finishReason).toBe('tool-calls');
  });

  it('stops at maxOutputTokens with finish reason length', async () => {
    const { url, requests } = await start();
    const provider = createOpenAICompatible({ name: 'mock', baseURL: `${url}/v1`, includeUsage: true });
    const result = streamText({ model: provider('fixed-model'), prompt: 'Capital?', maxOutputTokens: 3 });
    expect(await result.text).toBe('Paris is the');
    expect(await result.finishReason).toBe('length');
    expect((await result.usage).outputTokens).toBe(3);
    expect(requests()[0]?.outputTokens).toBe(3);
  });

  it('accepts image parts and echoes the last user message', async () => {
    const { url, requests } = await start();
    const provider = createOpenAICompatible({ name: 'mock', baseURL: `${url}/v1`, includeUsage: true });
    const result = streamText({
      model: provider('echo-model'),
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Describe this image.' },
            { type: 'image', image: new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10]), mediaType: 'image/png' },
          ],
        },
      ],
    });
    expect(await result.text).toBe('Describe this image.');
    // 4 framing + 4 text (Describe, this, image, .) + 85 for the image.
    expect(requests()[0]?.inputTokens).toBe(93);
  });
});

describe('Chat Completions wire format', () => {
  async function post(url: string, body: unknown, raw?: string) {
    const response = await fetch(`${url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: raw ?? JSON.stringify(body),
    });
    return { status: response.status, text: await response.text(), requestId: response.headers.get('x-request-id') };
  }

  it('sends role chunk, one chunk per token, finish chunk, usage chunk and [DONE]', async () => {
    const { url } = await start();
    const { status, text } = await post(url, {
      model: 'fixed-model',
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    expect(status).toBe(200);
    const events = text.split('\n\n').filter(Boolean).map((event) => event.replace(/^data: /, ''));
    expect(events.at(-1)).toBe('[DONE]');
    const chunks = events.slice(0, -1).map((event) => JSON.parse(event));
    expect(chunks[0].choices[0].delta).toEqual({ role: 'assistant', content: '', refusal: null });
    const deltas = chunks.slice(1, -2).map((chunk) => chunk.choices[0].delta.content);
    expect(deltas).toEqual(['Paris', ' is', ' the', ' capital', ' of', ' France', '.']);
    expect(chunks.at(-2).choices[0]).toMatchObject({ delta: {}, finish_reason: 'stop' });
    expect(chunks.at(-1)).toMatchObject({
      object: 'chat.completion.chunk',
      choices: [],
      usage: {
        prompt_tokens: 5,
        completion_tokens: 7,
        total_tokens: 12,
        prompt_tokens_details: { cached_tokens: 0 },
        completion_tokens_details: { reasoning_tokens: 0 },
      },
    });
    for (const chunk of chunks.slice(0, -1)) expect(chunk.usage).toBeNull();
  });

  it('streams tool calls like the real API: id and name first, then argument deltas', async () => {
    const { url } = await start();
    const { text } = await post(url, {
      model: 'tool-model',
      messages: [{ role: 'user', content: 'x' }],
      tools: [{ type: 'function', function: { name: 'weather', parameters: { type: 'object' } } }],
      stream: true,
    });
    const chunks = text
      .split('\n\n')
      .filter((event) => event.startsWith('data: {'))
      .map((event) => JSON.parse(event.slice(6)));
    expect(chunks[0].choices[0].delta).toMatchObject({
      role: 'assistant',
      content: null,
      tool_calls: [{ index: 0, type: 'function', function: { name: 'weather', arguments: '' } }],
    });
    const argumentsText = chunks
      .slice(1, -1)
      .map((chunk) => chunk.choices[0].delta.tool_calls[0].function.arguments)
      .join('');
    expect(JSON.parse(argumentsText)).toEqual({ location: 'San Francisco' });
    expect(chunks.at(-1).choices[0].finish_reason).toBe('tool_calls');
  });

  it('rejects bad input the way OpenAI does', async () => {
    const { url } = await start();
    const malformed = await post(url, undefined, '{"model":');
    expect(malformed.status).toBe(400);
    expect(JSON.parse(malformed.text).error).toMatchObject({
      message: expect.stringMatching(/^We could not parse the JSON body of your request\./),
      type: 'invalid_request_error',
      param: null,
      code: null,
    });
    const missing = await post(url, { model: 'fixed-model' });
    expect(missing.status).toBe(400);
    expect(JSON.parse(missing.text)).toEqual({
      error: {
        message: "Missing required parameter: 'messages'.",
        type: 'invalid_request_error',
        param: 'messages',
        code: 'missing_required_parameter',
      },
    });
    const empty = await post(url, { model: 'fixed-model', messages: [] });
    expect(empty.status).toBe(400);
    expect(JSON.parse(empty.text)).toEqual({
      error: {
        message: "Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array instead.",
        type: 'invalid_request_error',
        param: 'messages',
        code: 'empty_array',
      },
    });
    // Every reply has its request id, errors included.
    for (const reply of [malformed, missing, empty]) expect(reply.requestId).toMatch(/^chatcmpl-mock\d+$/);
    const unknown = await post(url, { model: 'nope', messages: [{ role: 'user', content: 'x' }] });
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.text)).toEqual({
      error: {
        message: 'The model `nope` does not exist or you do not have access to it.',
        type: 'invalid_request_error',
        param: null,
        code: 'model_not_found',
      },
    });
  });
});
