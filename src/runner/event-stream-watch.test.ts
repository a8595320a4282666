import { describe, expect, it } from 'vitest';
import { createEventStreamWatch } from './event-stream-watch.ts';
import { streamProtocolOf } from './stream-protocol.ts';
import { encodingWarning } from './stream-verdict.ts';

const anthropic = streamProtocolOf('https://api.anthropic.com/v1/messages')!;
const chat = streamProtocolOf('http://127.0.0.1:8000/v1/chat/completions')!;
const bytes = (text: string) => new TextEncoder().encode(text);

/** Feeds `pieces` as network chunks, closes the body, and returns what the watch saw. */
function watch(protocol: typeof anthropic, pieces: Array<string | Uint8Array>) {
  const stream = createEventStreamWatch(protocol, 200, 'text/event-stream');
  for (const piece of pieces) stream.push(typeof piece === 'string' ? bytes(piece) : piece);
  stream.close();
  return stream.state;
}

describe('createEventStreamWatch', () => {
  it('sees the end event however the chunks split it, with LF, CRLF or CR line ends', () => {
    const stop = 'event: message_stop\ndata: {"type":"message_stop"}\n\n';
    for (const ending of ['\n', '\r\n', '\r']) {
      const text = stop.replaceAll('\n', ending);
      for (let cut = 0; cut <= text.length; cut++) {
        const state = watch(anthropic, [text.slice(0, cut), text.slice(cut)]);
        expect({ ending, cut, seen: state.endEventSeen, midEvent: state.midEvent }).toEqual({ ending, cut, seen: true, midEvent: false });
      }
    }
  });

  it('sees an end event written with JSON escapes, on every protocol', () => {
    const responses = streamProtocolOf('https://api.openai.com/v1/responses')!;
    const gateway = streamProtocolOf('https://ai-gateway.vercel.sh/v4/ai/language-model')!;
    const start = 'data: {"type":"ping"}\n\ndata: {"type":"response.created"}\n\ndata: {"type":"stream-start"}\n\n';
    const opening = 'data: {"choices":[{"index":0,"delta":{"content":"hi"},"finish_reason":null}]}\n\n';
    expect(watch(anthropic, [start, 'data: {"type":"message\\u005fstop"}\n\n']).endEventSeen).toBe(true);
    expect(watch(responses, [start, 'data: {"type":"response\\u002ecompleted","response":{}}\n\n']).endEventSeen).toBe(true);
    expect(watch(gateway, [start, 'data: {"type":"fin\\u0069sh"}\n\n']).endEventSeen).toBe(true);
    expect(watch(chat, [opening, 'data: {"choices":[{"index":0,"delta":{},"finish\\u005freason":"stop"}]}\n\n']).endEventSeen).toBe(true);
  });

  it('counts the lines that are not valid UTF-8, but not a U+FFFD sent as such nor a character split across chunks', () => {
    const bad = new Uint8Array([...bytes('data: {"type":"ping","x":"'), 0xff, 0xc3, ...bytes('"}\n\n')]);
    const euro = bytes('data: {"type":"ping","x":"\u20ac \ufffd"}\n\n');
    const state = watch(anthropic, [bad, euro.subarray(0, 28), euro.subarray(28), bad]);
    expect(state.invalidUtf8Lines).toBe(2);
    expect(state.protocolEvents).toBe(3);
    expect(encodingWarning(state)).toBe('the response had 2 lines that are not valid UTF-8: the bad bytes were read as U+FFFD (\ufffd)');
    expect(encodingWarning(watch(anthropic, [euro]))).toBeUndefined();
  });

  it('does not count an event the body ended inside of: it was never dispatched', () => {
    const state = watch(anthropic, ['data: {"type":"ping"}\n\n', 'data: {"type":"message_stop"}\n']);
    expect(state).toMatchObject({ protocolEvents: 1, endEventSeen: false, midEvent: true, ending: 'closed' });
  });

  it('joins multi-line data and reads a UTF-8 character split across chunks', () => {
    const event = bytes('data: {"type":\ndata: "message_stop", "note": "é"}\n\n');
    const split = event.indexOf(0xc3) + 1;
    const state = watch(anthropic, [event.subarray(0, split), event.subarray(split)]);
    expect(state).toMatchObject({ protocolEvents: 1, endEventSeen: true });
  });

  it("counts only the protocol's events: comments, unknown events and HTML are not", () => {
    expect(watch(anthropic, [': ping\n\n', 'data: {"hello":"world"}\n\n', '<html>\n\n</html>\n'])).toMatchObject({ protocolEvents: 0, unparsedEvents: 0 });
    expect(watch(anthropic, ['data: {"type":"content_block_delta",\n\n'])).toMatchObject({ protocolEvents: 0, unparsedEvents: 1 });
  });

  it('ends Chat Completions at a finish_reason, not at [DONE] alone', () => {
    const chunk = (finishReason: string | null) => `data: ${JSON.stringify({ object: 'chat.completion.chunk', choices: [{ index: 0, delta: {}, finish_reason: finishReason }] })}\n\n`;
    expect(watch(chat, [chunk(null), 'data: [DONE]\n\n'])).toMatchObject({ protocolEvents: 2, endEventSeen: false });
    expect(watch(chat, [chunk(null), chunk('stop')])).toMatchObject({ endEventSeen: true, lastEventSeen: false });
    // The usage chunk may follow the finish_reason: it, or [DONE], says nothing more is coming.
    expect(watch(chat, [chunk('stop'), 'data: [DONE]\n\n'])).toMatchObject({ endEventSeen: true, lastEventSeen: true });
    const usage = `data: ${JSON.stringify({ object: 'chat.completion.chunk', choices: [], usage: { prompt_tokens: 1, completion_tokens: 2 } })}\n\n`;
    expect(watch(chat, [chunk('stop'), usage])).toMatchObject({ endEventSeen: true, lastEventSeen: true });
    expect(watch(chat, [usage.replace('"choices":[]', '"choices":[{"index":0,"delta":{},"finish_reason":null}]')])).toMatchObject({ lastEventSeen: false });
  });

  it('keeps the first bytes of the body and counts them all', () => {
    const state = watch(anthropic, ['x'.repeat(200), 'y'.repeat(200)]);
    expect(state.bytes).toBe(400);
    expect(new TextDecoder().decode(state.head)).toBe('x'.repeat(200) + 'y'.repeat(40));
  });

  it("says how many bytes of a chunk belong to the stream: none after the protocol's last event", () => {
    const stream = createEventStreamWatch(anthropic, 200, 'text/event-stream');
    const stop = 'data: {"type":"message_stop"}\r\n\r\n';
    const ping = 'data: {"type":"ping"}\n\n';
    expect(stream.push(bytes(ping))).toBe(ping.length);
    expect(stream.push(bytes(`${stop}data: {"type":"content_block_delta"}\n\n`))).toBe(stop.length);
    expect(stream.push(bytes('data: more\n\n'))).toBe(0);
    expect(stream.state).toMatchObject({ protocolEvents: 2, lastEventSeen: true });
  });

  it('drops a byte order mark at the start of the stream only', () => {
    const bom = new Uint8Array([0xef, 0xbb, 0xbf]);
    expect(watch(anthropic, [bom, 'data: {"type":"message_stop"}\n\n'])).toMatchObject({ endEventSeen: true });
    expect(watch(anthropic, ['data: {"type":"ping"}\n\n', bom, 'data: {"type":"message_stop"}\n\n'])).toMatchObject({ endEventSeen: false });
  });
});
