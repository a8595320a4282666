import type { TextStreamPart, ToolSet } from 'ai';
import type { TransportTimes } from '../timed-fetch.ts';

/**
 * A fake of the SDK's stream over a fake transport: each part is "delivered" in the network chunk
 * that arrived at the time given beside it (what the transport worker stamps), so that timing
 * figures come out exact, without sockets or sleeping. `lastChunkAt` ends up at the last time.
 */
export function partsArriving(parts: Array<[number, TextStreamPart<ToolSet>]>, transport: TransportTimes): AsyncIterable<TextStreamPart<ToolSet>> {
  return (async function* () {
    for (const [at, part] of parts) {
      transport.deliveredChunkAt = at;
      transport.lastChunkAt = at;
      yield part;
    }
  })();
}
