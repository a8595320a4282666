import { streamText, type LanguageModel } from 'ai';
import { MockLanguageModelV3, convertArrayToReadableStream } from 'ai/test';
import { describe, expect, it } from 'vitest';
import { measureStream } from './measure-stream.ts';
import { streamModelCall } from './stream-model-call.ts';
import { createTransportTimes } from './timed-fetch.ts';

type StreamResult = Awaited<ReturnType<MockLanguageModelV3['doStream']>>;
type StreamPart = StreamResult['stream'] extends ReadableStream<infer Part> ? Part : never;

const usage = {
  inputTokens: { total: 12, noCache: 10, cacheRead: 2, cacheWrite: undefined },
  outputTokens: { total: 7, text: 5, reasoning: 2 },
  raw: { prompt_tokens: 12, completion_tokens: 7 },
};
const finish = (unified: string, raw?: string) => ({ type: 'finish', finishReason: { unified, raw }, usage, providerMetadata: { mock: { id: 'x' } } });
const warnings = [{ type: 'unsupported', feature: 'temperature', details: 'ignored' }];

class Failure {
  readonly error: Error;
  constructor(error: Error) {
    this.error = error;
  }
}

/** A model whose one call streams `parts` (or fails, when `parts` is an Error), and the options it was called with. */
function modelOf(parts: unknown[] | Error): { model: LanguageModel; calls: unknown[] } {
  const calls: unknown[] = [];
  const model = new MockLanguageModelV3({
    doStream: async (options) => {
      calls.push({ ...options, abortSignal: undefined });
      if (parts instanceof Error) throw parts;
      const failure = parts.at(-1) instanceof Failure ? (parts.at(-1) as Failure) : undefined;
      if (!failure) return { stream: convertArrayToReadableStream(parts as StreamPart[]) } as StreamResult;
      // The body fails mid-stream (a connection reset): the stream errors after the parts before it.
      const before = parts.slice(0, -1) as StreamPart[];
      return { stream: new ReadableStream<StreamPart>({ pull: (controller) => (before.length > 0 ? controller.enqueue(before.shift()!) : controller.error(failure.error)) }) } as StreamResult;
    },
  });
  return { model: model as unknown as LanguageModel, calls };
}

const options = { messages: [{ role: 'user' as const, content: 'hi' }], allowSystemInMessages: true, instructions: 'be brief', maxOutputTokens: 64, temperature: 0.5, maxRetries: 0 };

/** Transport times that stamp every part alike (the mock model has no network). */
function stampedTransport() {
  const transport = createTransportTimes();
  transport.deliveredChunkAt = 100;
  return transport;
}

/** What measureStream makes of streamText's parts and of streamModelCall's, for the same stream. */
async function bothWays(parts: unknown[] | Error) {
  const viaStreamText = modelOf(parts);
  const expected = await measureStream(
    streamText({ model: viaStreamText.model, ...options, abortSignal: new AbortController().signal, onError: () => {} }).fullStream,
    stampedTransport(),
  );
  const direct = modelOf(parts);
  const actual = await measureStream(streamModelCall({ model: direct.model, ...options, abortSignal: new AbortController().signal }), stampedTransport());
  return { expected, actual, expectedCalls: viaStreamText.calls, actualCalls: direct.calls };
}

const plain = (measurement: object) => JSON.parse(JSON.stringify(measurement, (_key, value: unknown) => (value instanceof Error ? { name: value.name, message: value.message } : value)));

describe('streamModelCall: the same measurement as streamText, for a case without tools or a schema', () => {
  const cases: Array<[string, unknown[] | Error]> = [
    ['a whole answer, with warnings, usage and metadata', [
      { type: 'stream-start', warnings },
      { type: 'response-metadata', id: 'r1', modelId: 'm' },
      { type: 'reasoning-start', id: 'r' },
      { type: 'reasoning-delta', id: 'r', delta: 'hmm' },
      { type: 'reasoning-end', id: 'r' },
      { type: 'text-start', id: 't' },
      { type: 'text-delta', id: 't', delta: '' },
      { type: 'text-delta', id: 't', delta: 'Hello' },
      { type: 'text-delta', id: 't', delta: ' world' },
      { type: 'text-end', id: 't' },
      finish('stop', 'stop'),
    ]],
    ['an error in the stream, then the finish', [
      { type: 'stream-start', warnings: [] },
      { type: 'text-start', id: 't' },
      { type: 'text-delta', id: 't', delta: 'part' },
      { type: 'error', error: { message: 'overloaded', type: 'server_error', code: 529 } },
      finish('error', 'error'),
    ]],
    ['an error as the last part', [
      { type: 'stream-start', warnings: [] },
      { type: 'text-start', id: 't' },
      { type: 'text-delta', id: 't', delta: 'part' },
      { type: 'error', error: new Error('connection reset') },
    ]],
    ['a stream that fails mid-way', [
      { type: 'stream-start', warnings },
      { type: 'text-start', id: 't' },
      { type: 'text-delta', id: 't', delta: 'half' },
      new Failure(Object.assign(new TypeError('terminated'), { cause: new Error('other side closed') })),
    ]],
    ['output with no finish', [{ type: 'stream-start', warnings }, { type: 'text-start', id: 't' }, { type: 'text-delta', id: 't', delta: 'cut' }]],
    ['nothing at all', [{ type: 'stream-start', warnings }]],
    ['a length finish without usage', [
      { type: 'stream-start', warnings: [] },
      { type: 'text-start', id: 't' },
      { type: 'text-delta', id: 't', delta: 'long' },
      { type: 'text-end', id: 't' },
      { type: 'finish', finishReason: { unified: 'length', raw: undefined }, usage: { inputTokens: { total: undefined }, outputTokens: { total: undefined } } },
    ]],
    ['a call that fails before streaming', Object.assign(new Error('Bad Request'), { name: 'AI_APICallError', statusCode: 400 })],
  ];
  for (const [name, parts] of cases) {
    it(name, async () => {
      const { expected, actual, expectedCalls, actualCalls } = await bothWays(parts);
      expect(plain(actual)).toEqual(plain(expected));
      // The provider is called with the same options: the same request.
      expect(actualCalls).toEqual(expectedCalls);
    });
  }

  it('leaves to streamText what it does not do itself: tools, a tool choice, a schema, settings streamText refuses', async () => {
    const { model, calls } = modelOf([{ type: 'stream-start', warnings: [] }, finish('stop')]);
    // streamText throws this one as it is called (runAttempt records it as the attempt's error).
    expect(() => streamModelCall({ model, ...options, maxOutputTokens: 0.5, abortSignal: new AbortController().signal })).toThrow(/maxOutputTokens/);
    expect(calls).toHaveLength(0);
  });
});
