import { parentPort } from 'node:worker_threads';
import { createParser } from 'eventsource-parser';
import { Agent, type Dispatcher } from 'undici';
import { createEventStreamWatch, type EventStreamWatch } from '../event-stream-watch.ts';
import { streamProtocolOf } from '../stream-protocol.ts';
import { serializeError } from '../transport-messages.ts';
import { watchSilence } from '../watch-silence.ts';
import { createChatExtractor } from './chat-extractor.ts';
import type { LeanOutcome, LeanRequest } from './lean-messages.ts';
import { createResponsesExtractor } from './responses-extractor.ts';
import { createSendStamps } from './send-stamps.ts';

/**
 * One lean worker: sends requests with undici, stamps the send at the socket, the headers and
 * each chunk on its own event loop, parses the event stream with eventsource-parser, extracts
 * what a record needs, enforces the timeouts, and posts ONE message per request at its end.
 */
const port = parentPort;
if (!port) throw new Error('lean-worker.ts must run as a worker thread');

/** The most body bytes one response may send, as the SDK engine's transport allows. */
const maxResponseBytes = 64 * 2 ** 20;
/** Bytes past the last event are left a moment to end by themselves, then the request is ended. */
const lingerAfterLastEventMs = 1000;

const epochNow = () => performance.timeOrigin + performance.now();
// Undici's defaults, as Node's fetch (the SDK engine's transport) has them: keep-alive 4 s, no pipelining.
const agent = new Agent();
const aborts = new Map<number, () => void>();

const sendStamps = createSendStamps(epochNow);

port.on('message', (message: LeanRequest) => {
  if (message.type === 'abort') aborts.get(message.id)?.();
  else send(message);
});

function send(request: Extract<LeanRequest, { type: 'request' }>): void {
  const startedAt = performance.now();
  const outcome: LeanOutcome = { id: request.id, chunks: 0, extraction: { output: '', contentTimes: [], contentCharacters: [] } };
  const extractor = request.protocol === 'chat' ? createChatExtractor() : createResponsesExtractor();
  outcome.extraction = extractor.extraction;
  const protocol = streamProtocolOf(request.url);
  let watch: EventStreamWatch | undefined;
  let decoder: TextDecoder | undefined;
  let errorChunks: Buffer[] | undefined;
  let received = 0;
  let chunkAt = 0;
  let lastActivity = performance.now();
  let posted = false;
  let controller: Dispatcher.DispatchController | undefined;
  let abortReason: LeanOutcome['endedBy'];
  const parser = createParser({ onEvent: (event) => extractor.onEvent(event.data, chunkAt) });

  const post = () => {
    if (posted) return;
    posted = true;
    // Answered or failed with no socket write seen: it left when its headers were handed over.
    sendStamps.settle(request.id);
    sendStamps.forget(request.id);
    total.stop();
    stall?.stop();
    aborts.delete(request.id);
    if (outcome.sentAt === undefined) {
      outcome.sentAt = dispatchedAt;
      outcome.sentBy = 'dispatch';
    }
    if (watch) {
      const { protocol: _protocol, ...state } = watch.state;
      outcome.stream = state;
    }
    port!.postMessage(outcome);
  };
  const end = (reason: NonNullable<LeanOutcome['endedBy']>) => {
    if (posted) return;
    abortReason = reason;
    outcome.endedBy = reason;
    watch?.fail();
    post();
    controller?.abort(new Error(reason));
  };
  const activity = () => {
    lastActivity = performance.now();
  };
  const total = watchSilence(request.timeoutMs, () => startedAt, () => end('timeout'));
  let stall: { stop: () => void } | undefined;
  aborts.set(request.id, () => end('abort'));
  const onSent = (at: number, by: 'socket' | 'headers') => {
    outcome.sentAt ??= at;
    outcome.sentBy ??= by;
    activity();
    if (!posted) stall ??= watchSilence(request.stallTimeoutMs, () => lastActivity, () => end('stall'));
  };
  const settleSent = () => sendStamps.settle(request.id);

  const url = new URL(request.url);
  const dispatchedAt = epochNow();
  try {
    sendStamps.dispatch(request.id, onSent, () => agent.dispatch(
      {
        origin: url.origin,
        path: url.pathname + url.search,
        method: 'POST',
        headers: request.headers,
        body: request.body,
      },
      {
        onRequestStart(dispatchController) {
          controller = dispatchController;
          if (abortReason) dispatchController.abort(new Error(abortReason));
        },
        onResponseStart(_controller, statusCode, headers, statusMessage) {
          settleSent();
          outcome.headersAt = epochNow();
          activity();
          outcome.status = statusCode;
          if (statusMessage !== undefined) outcome.statusText = statusMessage;
          const flat: Record<string, string> = {};
          for (const [name, value] of Object.entries(headers)) if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
          outcome.responseHeaders = flat;
          if (statusCode >= 300 && statusCode < 400) {
            post();
            controller?.abort(new Error('redirect'));
            return;
          }
          if (statusCode >= 400) errorChunks = [];
          else {
            watch = protocol ? createEventStreamWatch(protocol, statusCode, flat['content-type']) : undefined;
            decoder = new TextDecoder();
          }
        },
        onResponseData(_controller, chunk) {
          if (posted) return;
          const at = epochNow();
          chunkAt = at;
          activity();
          outcome.chunks++;
          outcome.lastChunkAt = at;
          const room = maxResponseBytes - received;
          received += chunk.byteLength;
          if (received > maxResponseBytes) {
            const head = chunk.subarray(0, room);
            if (errorChunks) errorChunks.push(head);
            else feed(head);
            outcome.transportError = { name: 'ResponseTooLargeError', message: `response body larger than ${maxResponseBytes / 2 ** 20} MiB: cut off at ${maxResponseBytes} bytes` };
            watch?.fail();
            post();
            controller?.abort(new Error('too large'));
            return;
          }
          if (errorChunks) errorChunks.push(chunk);
          else feed(chunk);
        },
        onResponseEnd() {
          if (posted) return;
          if (errorChunks) outcome.errorBody = Buffer.concat(errorChunks).toString('utf8');
          else closeStream();
          post();
        },
        onResponseError(_controller, error) {
          if (posted) return;
          settleSent();
          outcome.transportError = serializeError(error);
          watch?.fail();
          post();
        },
      },
    ));
  } catch (error) {
    // Options undici refuses (a header value it cannot send, say): the request never left.
    outcome.transportError = serializeError(error);
    post();
  }

  /** One chunk of an event stream: only the bytes up to the protocol's last event are read. */
  function feed(chunk: Buffer) {
    const belonging = watch ? watch.push(chunk) : chunk.length;
    if (belonging > 0 && !extractor.stopped) parser.feed(decoder!.decode(belonging < chunk.length ? chunk.subarray(0, belonging) : chunk, { stream: true }));
    if (watch?.state.lastEventSeen || extractor.stopped) {
      closeStream();
      post();
      setTimeout(() => controller?.abort(new Error('done')), lingerAfterLastEventMs).unref();
    }
  }
  function closeStream() {
    const tail = decoder?.decode() ?? '';
    // A body that ends with a lone CR ends its line: the parser waits for an LF that is not coming.
    parser.feed(tail.endsWith('\r') ? `${tail}\n` : tail);
    watch?.close();
    // Past the output limit the SDK engine stops reading too, with no finish.
    if (!extractor.stopped) extractor.finish();
  }
}
