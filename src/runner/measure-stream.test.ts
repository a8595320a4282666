import type { TextStreamPart, ToolSet } from 'ai';
import { describe, expect, it } from 'vitest';
import { maxOutputCharacters, measureStream, ResponseTooLargeError } from './measure-stream.ts';
import { createTransportTimes } from './timed-fetch.ts';

/** A stream of SDK parts, each "delivered" with the network chunk time given beside it. */
function partsArriving(parts: Array<[number, TextStreamPart<ToolSet>]>, transport: ReturnType<typeof createTransportTimes>) {
  return (async function* () {
    for (const [at, part] of parts) {
      transport.deliveredChunkAt = at;
      yield part;
    }
  })();
}

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
    expect(measurement).toMatchObject({ output: 'Hello!', firstOutputAt: 100, firstTextAt: 150, contentTimes: [100, 150, 180] });
  });

  it('cuts off a runaway answer with an error, keeping what came', async () => {
    const transport = createTransportTimes();
    const big = 'x'.repeat(1024 * 1024);
    const parts = Array.from({ length: maxOutputCharacters / big.length + 2 }, (_, index): [number, TextStreamPart<ToolSet>] => [index, { type: 'text-delta', id: 't', text: big }]);
    const measurement = await measureStream(partsArriving(parts, transport), transport);
    expect(measurement.error).toBeInstanceOf(ResponseTooLargeError);
    expect(measurement.output.length).toBeGreaterThan(maxOutputCharacters);
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
