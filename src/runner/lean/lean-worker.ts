import { parentPort } from 'node:worker_threads';
import { Agent, type Dispatcher } from 'undici';
import { serializeError } from '../transport-messages.ts';
import { watchSilence } from '../watch-silence.ts';
import { createChatExtractor } from './chat-extractor.ts';
import { createEventStreamReader, type EventStreamReader } from './event-stream-reader.ts';
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

const timeOrigin = performance.timeOrigin;
const epochNow = () => timeOrigin + performance.now();
// Undici's defaults, as Node's fetch (the SDK engine's transport) has them: keep-alive 4 s, no pipelining.
const agent = new Agent();
const aborts = new Map<number, () => void>();

const sendStamps = createSendStamps(epochNow);

/**
 * Requests with body chunks read and stamped but not parsed yet. A chunk is stamped as undici
 * hands it over, in the socket's read; its parsing waits until this turn of the event loop has
 * read every socket that was ready (setImmediate runs after the poll phase). Parsed at once, each
 * stream's events would delay the reads, and so the stamps, of every stream read after it.
 */
const toParse = new Set<() => void>();
let parseScheduled = false;
const parseAll = () => {
  parseScheduled = false;
  for (const parse of toParse) parse();
};
const parseSoon = (parse: () => void) => {
  toParse.add(parse);
  if (!parseScheduled) {
    parseScheduled = true;
    setImmediate(parseAll);
  }
};

port.on('message', (message: LeanRequest) => {
  if (message.type === 'abort') aborts.get(message.id)?.();
  else send(message);
});
// Loaded and listening: the pool waits for this before a run's clock starts.
port.postMessage({ type: 'ready' });

function send(request: Extract<LeanRequest, { type: 'request' }>): void {
  const startedAt = performance.now();
  const outcome: LeanOutcome = { id: request.id, chunks: 0, extraction: { output: '', contentTimes: [], contentCharacters: [] } };
  const extractor = request.protocol === 'chat' ? createChatExtractor() : createResponsesExtractor();
  outcome.extraction = extractor.extraction;
  let reader: EventStreamReader | undefined;
  let errorChunks: Buffer[] | undefined;
  let received = 0;
  let lastActivity = performance.now();
  let posted = false;
  let controller: Dispatcher.DispatchController | undefined;
  let abortReason: LeanOutcome['endedBy'];
  // Read, stamped, not yet parsed (see toParse): the chunks and their arrivals, in order.
  const unparsed: Buffer[] = [];
  const unparsedAt: number[] = [];
  // The answer is whole: posted now, and the request left a moment to end by itself.
  const parsedWhole = () => {
    post();
    setTimeout(() => controller?.abort(new Error('done')), lingerAfterLastEventMs).unref();
  };
  const parseReceived = () => {
    toParse.delete(parseReceived);
    for (let index = 0; index < unparsed.length && !posted; index++) {
      const at = unparsedAt[index]!;
      outcome.chunks++;
      outcome.lastChunkAt = at;
      if (reader?.push(unparsed[index]!, at)) parsedWhole();
    }
    unparsed.length = 0;
    unparsedAt.length = 0;
  };

  const post = () => {
    if (posted) return;
    posted = true;
    toParse.delete(parseReceived);
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
    const stream = reader?.state();
    if (stream) outcome.stream = stream;
    port!.postMessage(outcome);
  };
  const end = (reason: NonNullable<LeanOutcome['endedBy']>) => {
    // What arrived before the verdict counts, as it would had it been parsed as it came.
    parseReceived();
    if (posted) return;
    abortReason = reason;
    outcome.endedBy = reason;
    reader?.fail();
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
          else reader = createEventStreamReader(extractor, request.url, statusCode, flat['content-type']);
        },
        onResponseData(_controller, chunk) {
          if (posted) return;
          const at = epochNow();
          activity();
          if (reader && received + chunk.byteLength <= maxResponseBytes) {
            received += chunk.byteLength;
            unparsed.push(chunk);
            unparsedAt.push(at);
            parseSoon(parseReceived);
            return;
          }
          parseReceived();
          if (posted) return;
          outcome.chunks++;
          outcome.lastChunkAt = at;
          const room = maxResponseBytes - received;
          received += chunk.byteLength;
          if (received > maxResponseBytes) {
            const head = chunk.subarray(0, room);
            if (errorChunks) errorChunks.push(head);
            else reader?.push(head, at);
            outcome.transportError = { name: 'ResponseTooLargeError', message: `response body larger than ${maxResponseBytes / 2 ** 20} MiB: cut off at ${maxResponseBytes} bytes` };
            reader?.fail();
            post();
            controller?.abort(new Error('too large'));
            return;
          }
          if (errorChunks) errorChunks.push(chunk);
          else if (reader?.push(chunk, at)) parsedWhole();
        },
        onResponseEnd() {
          parseReceived();
          if (posted) return;
          if (errorChunks) outcome.errorBody = Buffer.concat(errorChunks).toString('utf8');
          else reader?.close();
          post();
        },
        onResponseError(_controller, error) {
          parseReceived();
          if (posted) return;
          settleSent();
          outcome.transportError = serializeError(error);
          reader?.fail();
          post();
        },
      },
    ));
  } catch (error) {
    // Options undici refuses (a header value it cannot send, say): the request never left.
    outcome.transportError = serializeError(error);
    post();
  }
}
