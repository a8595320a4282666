import type { TextStreamPart, ToolSet } from 'ai';
import { describe, expect, it } from 'vitest';
import { maxOutputCharacters, maxWarnings, measureStream, ResponseTooLargeError } from './measure-stream.ts';
import { secretMargin } from './redact-and-cut.ts';
import { partsArriving } from './test/parts-arriving.ts';
import { createTransportTimes } from './timed-fetch.ts';

describe('measureStream', () => {
  it('stamps output with the arrival of the chunk that carried it, and counts chunks once each', async () => {
    const transport = createTransportTimes();
    const measurement = await measureStream(
      partsArriving(
        [
          [100, { type: 'reasoning-delta', id: 'r', text: 'thinking' }],
          [120, { type: 'text-delta', id: 't', text: '' }],
          [150, { type: 'text-delta', id: 't', text: 'Hel' }],
          [150, { type: 'text-delta', id: 't', text: 'lo' }],
          [180, { type: 'text-delta', id: 't', text: '!' }],
        ],
        transport,
      ),
      transport,
    );
    expect(measurement).toMatchObject({ output: 'Hello!', firstOutputAt: 100, firstTextAt: 150, contentTimes: [100, 150, 180], contentCharacters: [8, 5, 1] });
  });

  it('counts as output only parts that carry something: not the empty reasoning delta that closes a thinking block', async () => {
    const transport = createTransportTimes();
    const measurement = await measureStream(
      partsArriving(
        [
          [100, { type: 'reasoning-delta', id: 'r', text: 'let me see' }],
          // Anthropic's signature_delta reaches the SDK as an empty reasoning delta.
          [400, { type: 'reasoning-delta', id: 'r', text: '' }],
          [500, { type: 'text-delta', id: 't', text: 'Paris' }],
          [520, { type: 'tool-input-delta', id: 'x', delta: '' } as TextStreamPart<ToolSet>],
        ],
        transport,
      ),
      transport,
    );
    expect(measurement).toMatchObject({ contentTimes: [100, 500], contentCharacters: [10, 5], reasoningStreamed: true });
  });

  it('cuts off a runaway answer with an error, keeping what came', async () => {
    const transport = createTransportTimes();
    const big = 'x'.repeat(1024 * 1024);
    const parts = Array.from({ length: maxOutputCharacters / big.length + 2 }, (_, index): [number, TextStreamPart<ToolSet>] => [index, { type: 'text-delta', id: 't', text: big }]);
    const measurement = await measureStream(partsArriving(parts, transport), transport);
    expect(measurement.error).toBeInstanceOf(ResponseTooLargeError);
    // The caller redacts, then cuts to textLimit: the margin lets it see a secret across the cut whole.
    expect(measurement.textLimit).toBe(maxOutputCharacters);
    expect(measurement.output.length).toBe(maxOutputCharacters + secretMargin);
    expect((measurement.error as Error).message).toContain(`cut off at ${maxOutputCharacters} characters`);
  });

  it('cuts a single chunk larger than the limit: what is kept never grows with what the server sent', async () => {
    const transport = createTransportTimes();
    const measurement = await measureStream(partsArriving([[1, { type: 'text-delta', id: 't', text: 'x'.repeat(10 * 2 ** 20) }]], transport), transport);
    expect(measurement.textLimit).toBe(maxOutputCharacters);
    expect(measurement.output.length).toBe(maxOutputCharacters + secretMargin);
  });

  it('counts tool calls against the same limit, leaving out whole the call that does not fit', async () => {
    const transport = createTransportTimes();
    const call = (input: unknown): TextStreamPart<ToolSet> => ({ type: 'tool-call', toolCallId: 'c', toolName: 'f', input, dynamic: true } as TextStreamPart<ToolSet>);
    const measurement = await measureStream(
      partsArriving([[1, { type: 'text-delta', id: 't', text: 'hello' }], [2, call({ small: 1 })], [3, call({ big: 'y'.repeat(maxOutputCharacters) })], [4, call({ after: 1 })]], transport),
      transport,
    );
    expect(measurement.error).toBeInstanceOf(ResponseTooLargeError);
    expect(measurement.toolCalls).toEqual([{ name: 'f', arguments: { small: 1 } }]);
    expect(measurement.output).toBe('hello');
    // The message says what was kept: not "cut off at" a length nothing was cut to.
    const characters = 1 + JSON.stringify({ big: 'y'.repeat(maxOutputCharacters) }).length;
    expect((measurement.error as Error).message).toBe(
      `response longer than ${maxOutputCharacters} characters (text and tool calls): tool call "f" (${characters} characters with its arguments) left out whole, over the ${maxOutputCharacters}-character limit; the output before it is kept`,
    );
  });

  it('refuses tool arguments nested more than 100 levels deep with an error naming the limit, not a stack overflow', async () => {
    const transport = createTransportTimes();
    const call = (input: unknown): TextStreamPart<ToolSet> => ({ type: 'tool-call', toolCallId: 'c', toolName: 'f', input, dynamic: true } as TextStreamPart<ToolSet>);
    const nested = (depth: number) => JSON.parse('['.repeat(depth) + ']'.repeat(depth)) as unknown;
    const measurement = await measureStream(
      partsArriving([[1, { type: 'text-delta', id: 't', text: 'hello' }], [2, call({ a: nested(99) })], [3, call({ a: nested(100_000) })]], transport),
      transport,
    );
    expect(measurement.toolCalls).toHaveLength(1);
    expect(measurement.output).toBe('hello');
    expect((measurement.error as Error).message).toBe('tool call "f" has arguments nested more than 100 levels deep: left out, and the answer with it');
  });

  it(`keeps at most ${maxWarnings} distinct warnings, and counts the ones left out`, async () => {
    const transport = createTransportTimes();
    const warnings = Array.from({ length: maxWarnings + 5 }, (_, index) => ({ type: 'other', message: `warning ${index}` }));
    const start = { type: 'start-step', request: {}, warnings: [...warnings, ...warnings] } as unknown as TextStreamPart<ToolSet>;
    const measurement = await measureStream(partsArriving([[1, start]], transport), transport);
    expect(measurement.warnings).toHaveLength(maxWarnings);
    expect(measurement.warningsLeftOut).toBe(10);
  });

  it('keeps the error of a failed stream and the text before it', async () => {
    const transport = createTransportTimes();
    const failure = new Error('boom');
    const measurement = await measureStream(
      partsArriving([[10, { type: 'text-delta', id: 't', text: 'partial' }], [20, { type: 'error', error: failure }]], transport),
      transport,
    );
    expect(measurement).toMatchObject({ output: 'partial', error: failure });
  });
});
