import type { TextStreamPart, ToolSet } from 'ai';
import { describe, expect, it } from 'vitest';
import type { AttemptUsage } from '../records/attempt-record.ts';
import { computeTiming } from './compute-timing.ts';
import { measureStream } from './measure-stream.ts';
import { partsArriving } from './test/parts-arriving.ts';
import { createTransportTimes } from './timed-fetch.ts';

type Part = TextStreamPart<ToolSet>;
const text = (value: string): Part => ({ type: 'text-delta', id: 't', text: value });
const reasoning = (value: string): Part => ({ type: 'reasoning-delta', id: 'r', text: value });
/** The finish part, as the SDK gives it when the provider's finish (and usage) chunk arrives. */
const finish = { type: 'finish', finishReason: 'stop', totalUsage: {} } as unknown as Part;

/**
 * The timing of one attempt whose request was sent at 0 and whose parts arrived at the times given,
 * exactly as run-attempt computes it (the stream ends at the last chunk's arrival).
 */
async function timingOf(parts: Array<[number, Part]>, usage: AttemptUsage) {
  const transport = createTransportTimes();
  const measurement = await measureStream(partsArriving(parts, transport), transport);
  return computeTiming(measurement, 0, 10, transport.lastChunkAt!, usage);
}

describe('computeTiming: the decode window and the time per output token', () => {
  it('gives no decode rate to a 3-token answer in one chunk followed 5 ms later by the finish chunk, and a TPOT from e2e', async () => {
    const timing = await timingOf([[100, text('Yes, it is.')], [105, finish]], { outputTokens: 3, estimated: false });
    // Before, the window ran to the finish chunk: 3 tokens / 5 ms read 600 tokens/s.
    expect(timing.outputTps).toBeUndefined();
    expect(timing).toMatchObject({ ttftMs: 100, firstOutputMs: 100, e2eMs: 105, chunkCount: 1 });
    expect(timing.tpotMs).toBeCloseTo((105 - 100) / (3 - 1), 12);
    expect(timing.interChunkP50Ms).toBeUndefined();
  });

  it('ends the window at the last chunk that carried output, not at a usage chunk two seconds later', async () => {
    // 5 chunks of 2 tokens, one every 20 ms: 100 tokens/s. The usage arrives at 2180.
    const chunks: Array<[number, Part]> = [100, 120, 140, 160, 180].map((at) => [at, text('abcd')]);
    const timing = await timingOf([...chunks, [2180, finish]], { outputTokens: 10, estimated: false });
    // 8 tokens came after the first chunk, over the 80 ms from the first chunk to the last.
    expect(timing.outputTps).toBeCloseTo(8 / 0.08, 9);
    // vLLM's and AIPerf's figure keeps the stream's whole length: (2180 − 100) / 9.
    expect(timing.tpotMs).toBeCloseTo(2080 / 9, 9);
    expect(timing).toMatchObject({ ttftMs: 100, e2eMs: 2180, chunkCount: 5, interChunkP50Ms: 20 });
  });

  it('shares the tokens out by characters: the tokens of a big first chunk are not credited to the window', async () => {
    // 3 chunks of 20 tokens (80 characters), 200 ms apart, as some providers send them: 100 tokens/s.
    // N − 1 tokens over the window would read 59 / 0.4 s = 147.5.
    const chunk = 'word '.repeat(16);
    const timing = await timingOf([[100, text(chunk)], [300, text(chunk)], [500, text(chunk)], [501, finish]], { outputTokens: 60, estimated: false });
    expect(timing.outputTps).toBeCloseTo(100, 9);
    // A short first chunk: 'The', then 3 chunks of 16 characters 40 ms apart; 13 tokens, 48 of 51 characters later.
    const short = await timingOf(
      [[100, text('The')], [140, text(' quick brown fox')], [180, text(' jumps over them')], [220, text(' all, the lazy d')], [221, finish]],
      { outputTokens: 13, estimated: false },
    );
    expect(short.outputTps).toBeCloseTo((13 * 48) / 51 / 0.12, 9);
  });

  it('opens the window at streamed reasoning, and counts its tokens', async () => {
    // 10 reasoning chunks then 3 text chunks, one every 100 ms, 2 tokens each: 20 tokens/s throughout.
    const thinking: Array<[number, Part]> = Array.from({ length: 10 }, (_, index) => [100 * (index + 1), reasoning('hmmm.')]);
    const answer: Array<[number, Part]> = [1100, 1200, 1300].map((at) => [at, text('Paris')]);
    const timing = await timingOf([...thinking, ...answer, [1305, finish]], { outputTokens: 26, reasoningTokens: 20, estimated: false });
    expect(timing).toMatchObject({ firstOutputMs: 100, ttftMs: 1100, e2eMs: 1305, chunkCount: 13 });
    expect(timing.outputTps).toBeCloseTo((26 * 12) / 13 / 1.2, 9);
    expect(timing.tpotMs).toBeCloseTo((1305 - 100) / 25, 9);
  });

  it('leaves out reasoning a provider counted but never streamed, from both figures', async () => {
    const timing = await timingOf(
      [[3000, text('Paris')], [3100, text('Paris')], [3200, text('Paris')], [3205, finish]],
      { outputTokens: 506, reasoningTokens: 500, estimated: false },
    );
    // 6 streamed tokens: 4 after the first chunk over 200 ms.
    expect(timing.outputTps).toBeCloseTo(20, 9);
    expect(timing.tpotMs).toBeCloseTo(205 / 5, 9);
  });

  it('does not stretch the window to a tool call closed with the finish, long after its streamed arguments', async () => {
    const timing = await timingOf(
      [
        [100, { type: 'tool-input-start', id: 'call-1', toolName: 'get' } as Part],
        [100, { type: 'tool-input-delta', id: 'call-1', delta: '{"a":' } as Part],
        [120, { type: 'tool-input-delta', id: 'call-1', delta: '"abcdef"' } as Part],
        [140, { type: 'tool-input-delta', id: 'call-1', delta: ',"b":12}' } as Part],
        [900, { type: 'tool-call', toolCallId: 'call-1', toolName: 'get', input: { a: 'abcdef', b: 12 } } as Part],
        [900, finish],
      ],
      { outputTokens: 12, estimated: false },
    );
    expect(timing).toMatchObject({ firstOutputMs: 100, e2eMs: 900, chunkCount: 3 });
    expect(timing.ttftMs).toBeUndefined();
    // 8 of the 24 characters came in the first chunk: 8 tokens over 40 ms.
    expect(timing.outputTps).toBeCloseTo(200, 9);
    expect(timing.tpotMs).toBeCloseTo(800 / 11, 9);
  });

  it('counts a tool call that arrived whole as output', async () => {
    const timing = await timingOf(
      [[100, text('Let me look.')], [150, { type: 'tool-call', toolCallId: 'c', toolName: 'get', input: { a: 1 } } as Part], [151, finish]],
      { outputTokens: 8, estimated: false },
    );
    expect(timing.chunkCount).toBe(2);
    expect(timing.outputTps).toBeGreaterThan(0);
  });

  it('leaves both out when the token count is unknown, and TPOT out for one token', async () => {
    const unknown = await timingOf([[100, text('a')], [120, text('b')], [121, finish]], { estimated: false });
    expect(unknown.outputTps).toBeUndefined();
    expect(unknown.tpotMs).toBeUndefined();
    const one = await timingOf([[100, text('a')], [121, finish]], { outputTokens: 1, estimated: false });
    expect(one.tpotMs).toBeUndefined();
    expect(one.e2eMs).toBe(121);
  });

  it('is empty for a request that was never sent', async () => {
    const transport = createTransportTimes();
    const measurement = await measureStream(partsArriving([], transport), transport);
    expect(computeTiming(measurement, undefined, undefined, 50, { outputTokens: 3, estimated: false })).toEqual({});
  });
});

describe('computeTiming: tokens per chunk', () => {
  it('divides the output tokens by the chunks that carried output, and leaves it out when either is unknown', async () => {
    const chunks: Array<[number, Part]> = [100, 120, 140, 160].map((at) => [at, text('abcd')]);
    const counted = await timingOf([...chunks, [170, finish]], { outputTokens: 10, estimated: false });
    expect(counted).toMatchObject({ chunkCount: 4, tokensPerChunk: 2.5 });
    const uncounted = await timingOf([...chunks, [170, finish]], { estimated: false });
    expect(uncounted.chunkCount).toBe(4);
    expect(uncounted.tokensPerChunk).toBeUndefined();
    const empty = await timingOf([[170, finish]], { outputTokens: 0, estimated: false });
    expect(empty.chunkCount).toBeUndefined();
    expect(empty.tokensPerChunk).toBeUndefined();
  });
});
