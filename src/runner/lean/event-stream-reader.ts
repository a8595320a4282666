import { createParser } from 'eventsource-parser';
import { createEventStreamWatch, type EventStreamState, type EventStreamWatch } from '../event-stream-watch.ts';
import { streamProtocolOf } from '../stream-protocol.ts';
import type { StreamExtractor } from './stream-extractor.ts';

/** One response body read as an event stream: the harness's watch (for its verdict) and the extractor (for the answer). */
export type EventStreamReader = {
  /** One network chunk and its arrival; true when nothing more is to be read (the last event came, or the extractor stopped). */
  push(chunk: Uint8Array, at: number): boolean;
  /** The body ended cleanly. */
  close(): void;
  /** The connection failed. */
  fail(): void;
  /** What the watch saw, without its protocol (a table of functions cannot cross threads); undefined for a path it does not know. */
  state(): Omit<EventStreamState, 'protocol'> | undefined;
};

/**
 * The bytes go to the event-stream watch first (the same one the SDK engine's transport keeps,
 * so that both engines judge a body alike), and only those up to the protocol's last event go on
 * to eventsource-parser and the extractor.
 */
export function createEventStreamReader(extractor: StreamExtractor, url: string, status: number, contentType: string | undefined): EventStreamReader {
  const protocol = streamProtocolOf(url);
  const watch: EventStreamWatch | undefined = protocol ? createEventStreamWatch(protocol, status, contentType) : undefined;
  const decoder = new TextDecoder();
  let chunkAt = 0;
  let closed = false;
  const parser = createParser({ onEvent: (event) => extractor.onEvent(event.data, chunkAt) });
  const close = () => {
    if (closed) return;
    closed = true;
    const tail = decoder.decode();
    // A body that ends with a lone CR ends its line: the parser waits for an LF that is not coming.
    parser.feed(tail.endsWith('\r') ? `${tail}\n` : tail);
    watch?.close();
    // Past the output limit the SDK engine stops reading too, with no finish.
    if (!extractor.stopped) extractor.finish();
  };
  return {
    push(chunk, at) {
      chunkAt = at;
      const belonging = watch ? watch.push(chunk) : chunk.length;
      if (belonging > 0 && !extractor.stopped) parser.feed(decoder.decode(belonging < chunk.length ? chunk.subarray(0, belonging) : chunk, { stream: true }));
      const done = watch?.state.lastEventSeen === true || extractor.stopped;
      if (done) close();
      return done;
    },
    close,
    fail() {
      closed = true;
      watch?.fail();
    },
    state() {
      if (!watch) return undefined;
      const { protocol: _protocol, ...state } = watch.state;
      return state;
    },
  };
}
