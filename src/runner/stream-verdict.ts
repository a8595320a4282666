import type { AttemptError } from '../records/attempt-record.ts';
import { headBytes, type EventStreamState } from './event-stream-watch.ts';

/**
 * The harness's own verdict on a response body, from the raw events the transport delivered
 * (see event-stream-watch.ts), where the provider package's may be wrong: some report a body that
 * is not the API's at all, or a stream that closed before its end event, as a finished answer.
 *
 * - `bad_response`: a response below 400 with no event of the protocol in it (a proxy's HTML
 *   page, JSON instead of an event stream, an empty body, comments only, unknown events, binary
 *   data). It stands before the package's own error, which only says what it tripped over.
 * - `stream_error`: the body closed cleanly before the protocol's end event (mid-event or not),
 *   or ended with finish reason `error`, when the package reported no error of its own. Also a
 *   stream the package itself calls `interrupted`, on a protocol the harness does not know.
 *
 * A failed connection is the package's error to report (`network`); a timeout is ours.
 */
export function streamVerdict(
  state: EventStreamState | undefined,
  outcome: { error?: unknown; finishReason?: string; rawFinishReason?: string },
): AttemptError | undefined {
  const failed = outcome.error === undefined ? failedFinish(outcome) : undefined;
  if (state === undefined) {
    if (failed) return failed;
    if (outcome.error === undefined && outcome.finishReason === 'interrupted') {
      return { type: 'stream_error', message: 'stream ended without its end event: the answer is incomplete' };
    }
    return undefined;
  }
  if (state.ending === 'failed') return undefined;
  const readToTheEnd = state.ending === 'closed' || outcome.error !== undefined;
  if (readToTheEnd && state.protocolEvents === 0 && state.unparsedEvents === 0) {
    return { type: 'bad_response', message: notTheApiMessage(state), httpStatus: state.status };
  }
  if (failed) return { ...failed, httpStatus: state.status };
  if (outcome.error === undefined && outcome.finishReason === 'interrupted' && state.endEventSeen) {
    // The two readings disagree: neither can be trusted to have the whole answer.
    return {
      type: 'stream_error',
      message: `${state.protocol.name} stream reached its end event (${state.protocol.endEvent}), but the provider package did not read the answer as finished: the answer may be incomplete`,
      httpStatus: state.status,
    };
  }
  if (outcome.error !== undefined || state.ending !== 'closed' || state.endEventSeen) return undefined;
  const where = state.midEvent ? ' in the middle of an event,' : '';
  return {
    type: 'stream_error',
    message: `${state.protocol.name} stream closed${where} before its end event (${state.protocol.endEvent}): the answer is incomplete`,
    httpStatus: state.status,
  };
}

/**
 * A stream of the protocol's events sent under another content type is read all the same (the
 * body, not the label, says what it is), and the record says so.
 */
export function contentTypeWarning(state: EventStreamState | undefined): string | undefined {
  if (state === undefined || state.protocolEvents === 0 || /^\s*text\/event-stream\s*(;|$)/i.test(state.contentType ?? '')) return undefined;
  const label = state.contentType === undefined ? 'no content type' : `content type ${printable(state.contentType).slice(0, 100)}`;
  return `the response had ${label}, not text/event-stream: read as the ${state.protocol.name} event stream it was`;
}

/** Bytes that are not UTF-8 were read as U+FFFD (as the provider package reads them): the record says so. */
export function encodingWarning(state: EventStreamState | undefined): string | undefined {
  if (state === undefined || state.invalidUtf8Lines === 0) return undefined;
  const lines = state.invalidUtf8Lines === 1 ? '1 line' : `${state.invalidUtf8Lines} lines`;
  return `the response had ${lines} that are not valid UTF-8: the bad bytes were read as U+FFFD (\uFFFD)`;
}

/**
 * The API itself said the answer failed, without an error of its own (a Responses
 * `response.failed` with no error, the gateway's `finish` with reason `error`, a Chat
 * Completions `finish_reason: "error"`): what came is not an answer.
 */
function failedFinish(outcome: { finishReason?: string; rawFinishReason?: string }): AttemptError | undefined {
  if (outcome.finishReason !== 'error' && outcome.rawFinishReason?.toLowerCase() !== 'error') return undefined;
  return { type: 'stream_error', message: 'the API ended the answer with finish reason "error": it failed' };
}

function notTheApiMessage(state: EventStreamState): string {
  const contentType = state.contentType === undefined ? 'without a content type' : printable(state.contentType).slice(0, 100);
  const prefix = `${state.status} response was ${contentType}, not the API's event stream`;
  if (state.bytes === 0) return `${prefix}: an empty body`;
  const head = new TextDecoder('utf-8').decode(state.head);
  const more = state.bytes > headBytes ? '…' : '';
  return `${prefix} (no ${state.protocol.name} event in its ${state.bytes} bytes): ${quote(head)}${more}`;
}

/** JSON-quoted, with the characters JSON leaves raw that a terminal or a spreadsheet might act on escaped too. */
function quote(text: string): string {
  return JSON.stringify(text).replace(/[\u007f-\u009f\u2028\u2029]/g, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A header value as text that prints safely (control characters replaced). */
function printable(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
}
