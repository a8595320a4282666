import type { StreamProtocol } from './stream-protocol.ts';

/** What the raw body of one response showed, checked against its protocol. */
export type EventStreamState = {
  protocol: StreamProtocol;
  status: number;
  contentType?: string;
  /** Body bytes received. */
  bytes: number;
  /** The first bytes of the body (at most `headBytes`), to quote in a message. */
  head: Uint8Array;
  /** Server-sent events of the protocol seen (one is enough to know the stream is the API's). */
  protocolEvents: number;
  /** Events whose data is not JSON: a malformed stream, rather than some other server's. */
  unparsedEvents: number;
  endEventSeen: boolean;
  /** The protocol's last event came (the end event; for Chat Completions `[DONE]`): nothing more is read. */
  lastEventSeen: boolean;
  /** `closed`: the body ended cleanly; `failed`: the connection failed; undefined: neither was seen. */
  ending?: 'closed' | 'failed';
  /** The body closed in the middle of an event (a line or an event not finished by a blank line). */
  midEvent: boolean;
  /** Lines that were not valid UTF-8 (their bad bytes read as U+FFFD, as the provider package reads them). */
  invalidUtf8Lines: number;
};

export type EventStreamWatch = {
  state: EventStreamState;
  /**
   * Reads one network chunk, and returns how many of its bytes belong to the stream: all of them,
   * but for those after the protocol's last event, which are no part of the answer.
   */
  push(bytes: Uint8Array): number;
  close(): void;
  fail(): void;
};

export const headBytes = 240;

/**
 * Follows a response body as the server-sent events it should be (the WHATWG rules: lines end
 * with CR, LF or CRLF; a blank line dispatches the event; an event cut off by the end of the
 * body is never dispatched), and notes which of them belong to `protocol` and whether its end
 * event came. It reads what the transport delivers, whatever the provider package does with it.
 * Lines are split on the bytes (CR and LF never occur inside a UTF-8 sequence), so that the
 * stream's last byte is known exactly.
 */
export function createEventStreamWatch(protocol: StreamProtocol, status: number, contentType: string | undefined): EventStreamWatch {
  const state: EventStreamState = {
    protocol,
    status,
    ...(contentType !== undefined ? { contentType } : {}),
    bytes: 0,
    head: new Uint8Array(0),
    protocolEvents: 0,
    unparsedEvents: 0,
    endEventSeen: false,
    lastEventSeen: false,
    midEvent: false,
    invalidUtf8Lines: 0,
  };
  // A BOM is dropped at the start of the stream only (as the WHATWG rules say), not of each line.
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  /** The pieces of a line that began in an earlier chunk. */
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;
  let data: string[] = [];
  let fieldSeen = false;
  let skipLineFeed = false;
  let atStart = true;

  const dispatch = () => {
    if (data.length > 0) onEvent(data.join('\n'));
    data = [];
    fieldSeen = false;
  };
  const onEvent = (payload: string) => {
    // Once the stream is known to be the protocol's, only a possible end event is worth parsing
    // (and whatever follows the end event: the few events there may be the last).
    // The text check cannot see through a JSON escape ("message\u005fstop"): data with a backslash is parsed.
    if (state.protocolEvents > 0 && !state.endEventSeen && !payload.includes('\\') && !protocol.mayEnd(payload)) {
      state.protocolEvents++;
      return;
    }
    const event = parse(payload);
    if (event === unparsed) state.unparsedEvents++;
    if (!protocol.isProtocolEvent(event)) return;
    state.protocolEvents++;
    const endedBefore = state.endEventSeen;
    if (protocol.isEndEvent(event)) state.endEventSeen = true;
    if (protocol.isLastEvent(event, endedBefore)) state.lastEventSeen = true;
  };
  const onLine = (text: string) => {
    if (text === '') return dispatch();
    if (text.startsWith(':')) return;
    const colon = text.indexOf(':');
    const field = colon === -1 ? text : text.slice(0, colon);
    fieldSeen = true;
    if (field !== 'data') return;
    const value = colon === -1 ? '' : text.slice(text.charCodeAt(colon + 1) === 32 ? colon + 2 : colon + 1);
    data.push(value);
  };
  const lineOf = (bytes: Uint8Array, start: number, end: number) => {
    let piece = bytes.subarray(start, end);
    if (pending.length > 0) {
      const whole = new Uint8Array(pendingBytes + piece.length);
      let offset = 0;
      for (const part of [...pending, piece]) {
        whole.set(part, offset);
        offset += part.length;
      }
      piece = whole;
      pending = [];
      pendingBytes = 0;
    }
    if (atStart && piece[0] === 0xef && piece[1] === 0xbb && piece[2] === 0xbf) piece = piece.subarray(3);
    atStart = false;
    const text = decoder.decode(piece);
    // A U+FFFD is either sent as such (valid) or stands for bad bytes: only then is the line checked strictly.
    if (text.includes('\uFFFD') && !isUtf8(piece)) state.invalidUtf8Lines++;
    return text;
  };
  /** Reads the lines of `bytes`; returns the offset just past the last event, or its length. */
  const feed = (bytes: Uint8Array): number => {
    let start = 0;
    if (skipLineFeed && bytes[0] === 10) start = 1;
    skipLineFeed = false;
    for (let index = start; index < bytes.length; index++) {
      const code = bytes[index];
      if (code !== 10 && code !== 13) continue;
      onLine(lineOf(bytes, start, index));
      if (code === 13) {
        if (index + 1 === bytes.length) skipLineFeed = true;
        else if (bytes[index + 1] === 10) index++;
      }
      start = index + 1;
      if (state.lastEventSeen) return start;
    }
    if (start < bytes.length) {
      // A view, not a copy: no one writes to a chunk once it has arrived.
      pending.push(bytes.subarray(start));
      pendingBytes += bytes.length - start;
    }
    return bytes.length;
  };

  return {
    state,
    push(bytes) {
      if (state.head.length < headBytes) {
        const head = new Uint8Array(Math.min(headBytes, state.head.length + bytes.length));
        head.set(state.head);
        head.set(bytes.subarray(0, head.length - state.head.length), state.head.length);
        state.head = head;
      }
      state.bytes += bytes.length;
      if (state.lastEventSeen) return 0;
      return feed(bytes);
    },
    close() {
      if (state.ending) return;
      state.midEvent = pendingBytes > 0 || fieldSeen;
      state.ending = 'closed';
    },
    fail() {
      state.ending ??= 'failed';
    },
  };
}

const strictDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function isUtf8(bytes: Uint8Array): boolean {
  try {
    strictDecoder.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

const unparsed = Symbol('unparsed');

function parse(payload: string): unknown {
  if (payload === '[DONE]') return payload;
  try {
    return JSON.parse(payload);
  } catch {
    return unparsed;
  }
}
