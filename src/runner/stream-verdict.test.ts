import { describe, expect, it } from 'vitest';
import { createEventStreamWatch } from './event-stream-watch.ts';
import { streamProtocolOf } from './stream-protocol.ts';
import { contentTypeWarning, streamVerdict } from './stream-verdict.ts';

const responses = streamProtocolOf('https://api.openai.com/v1/responses')!;

function closedWith(body: string, contentType?: string) {
  const watch = createEventStreamWatch(responses, 200, contentType);
  watch.push(new TextEncoder().encode(body));
  watch.close();
  return watch.state;
}

describe('streamVerdict', () => {
  it("calls a 200 with no event of the protocol bad_response, quoting its first bytes, JSON-escaped and bounded", () => {
    const page = `<html>\u001b]52;c;aGk=\u0007${'x'.repeat(1000)}</html>`;
    const error = streamVerdict(closedWith(page, 'text/html'), {});
    expect(error).toMatchObject({ type: 'bad_response', httpStatus: 200 });
    expect(error?.message).toMatch(new RegExp(`^200 response was text/html, not the API.s event stream \\(no Responses API event in its ${page.length} bytes\\): "<html>\\\\u001b]52;c;aGk=\\\\u0007x+"…$`));
    expect(error?.message.length).toBeLessThan(400);
    expect(streamVerdict(closedWith(''), {})?.message).toBe("200 response was without a content type, not the API's event stream: an empty body");
  });

  it("puts bad_response before the provider package's own error, which only says what it tripped over", () => {
    expect(streamVerdict(closedWith('{"error":"x"}', 'application/json'), { error: new Error('Type validation failed') })?.type).toBe('bad_response');
  });

  it('leaves a malformed event of the protocol, a failed connection and an error event to the package', () => {
    expect(streamVerdict(closedWith('data: {"type":"response.output_text.delta","delta":"\n\n'), { error: new Error('JSON') })).toBeUndefined();
    const failed = createEventStreamWatch(responses, 200, 'text/event-stream');
    failed.fail();
    expect(streamVerdict(failed.state, { error: new Error('terminated') })).toBeUndefined();
    expect(streamVerdict(closedWith('data: {"type":"error","error":{"type":"server_error"}}\n\n'), { error: new Error('server_error') })).toBeUndefined();
  });

  it('calls a stream closed before its end event stream_error, saying whether it closed mid-event', () => {
    const started = 'data: {"type":"response.created"}\n\n';
    expect(streamVerdict(closedWith(started), { finishReason: 'interrupted' })).toEqual({
      type: 'stream_error',
      message: 'Responses API stream closed before its end event (response.completed): the answer is incomplete',
      httpStatus: 200,
    });
    expect(streamVerdict(closedWith(`${started}data: {"type":"response.compl`), {})?.message).toContain('closed in the middle of an event, before its end event');
    expect(streamVerdict(closedWith(`${started}data: {"type":"response.completed"}\n\n`), {})).toBeUndefined();
  });

  it('calls a stream that reached its end event but that the package read as interrupted stream_error, never an answer', () => {
    const whole = 'data: {"type":"response.created"}\n\ndata: {"type":"response.completed","response":{}}\n\n';
    expect(streamVerdict(closedWith(whole), { finishReason: 'interrupted' })).toEqual({
      type: 'stream_error',
      message:
        'Responses API stream reached its end event (response.completed), but the provider package did not read the answer as finished: the answer may be incomplete',
      httpStatus: 200,
    });
    expect(streamVerdict(closedWith(whole), { finishReason: 'stop' })).toBeUndefined();
  });

  it('on a protocol it does not know, takes the package at its word when it says interrupted', () => {
    expect(streamVerdict(undefined, { finishReason: 'interrupted' })?.type).toBe('stream_error');
    expect(streamVerdict(undefined, { finishReason: 'stop' })).toBeUndefined();
  });

  it('reads a whole stream sent under another content type, with a warning, and warns of nothing else', () => {
    const whole = 'data: {"type":"response.created"}\n\ndata: {"type":"response.completed"}\n\n';
    expect(streamVerdict(closedWith(whole, 'application/json'), {})).toBeUndefined();
    expect(contentTypeWarning(closedWith(whole, 'application/json'))).toBe(
      'the response had content type application/json, not text/event-stream: read as the Responses API event stream it was',
    );
    expect(contentTypeWarning(closedWith(whole))).toContain('the response had no content type');
    expect(contentTypeWarning(closedWith(whole, 'Text/Event-Stream; charset=utf-8'))).toBeUndefined();
    expect(contentTypeWarning(closedWith('<html>', 'text/html'))).toBeUndefined();
  });

  it('calls an answer the API finished with reason "error" stream_error, unified or raw', () => {
    const whole = 'data: {"type":"response.created"}\n\ndata: {"type":"response.failed"}\n\n';
    expect(streamVerdict(closedWith(whole), { finishReason: 'error' })?.message).toBe('the API ended the answer with finish reason "error": it failed');
    expect(streamVerdict(undefined, { finishReason: 'other', rawFinishReason: 'error' })?.type).toBe('stream_error');
    expect(streamVerdict(closedWith(whole), { finishReason: 'stop', rawFinishReason: 'stop' })).toBeUndefined();
  });
});
