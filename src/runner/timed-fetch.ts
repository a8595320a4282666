import { transportWorkerLimits, workerOptions } from '../config/worker-options.ts';
import { getPriority, setPriority } from 'node:os';
import { Worker } from 'node:worker_threads';
import { registerHarnessWorker } from './harness-workers.ts';
import { redirectNotFollowed } from './no-redirect-fetch.ts';
import { createEventStreamWatch, type EventStreamState, type EventStreamWatch } from './event-stream-watch.ts';
import { streamProtocolOf } from './stream-protocol.ts';
import { deserializeError, type TransportEvent, type TransportRequest } from './transport-messages.ts';

/**
 * What the transport saw of one request, on the main thread's monotonic clock
 * (`performance.now()`), though stamped in the transport worker.
 */
export type TransportTimes = {
  /** When the request's headers were written to the socket (or, failing that, when fetch was called). */
  sentAt?: number;
  /** What `sentAt` is: the first socket write, undici's announcement of the headers, or the fetch call. */
  sentBy?: 'socket' | 'headers' | 'fetch';
  /** When the SDK called fetch. */
  fetchCalledAt?: number;
  headersAt?: number;
  status?: number;
  responseHeaders?: Record<string, string>;
  /** When each network chunk of the body reached the worker. */
  chunkTimes: number[];
  lastChunkAt?: number;
  /**
   * Arrival time of the chunk the SDK is being handed right now: output parts the SDK emits
   * while parsing it belong to this chunk.
   */
  deliveredChunkAt?: number;
  /**
   * The body of a response below 400 to a protocol the harness knows, followed as that protocol's
   * event stream: whether it was one, and whether it reached its end event (see stream-verdict.ts).
   */
  stream?: EventStreamState;
};

export function createTransportTimes(): TransportTimes {
  return { chunkTimes: [] };
}

const nullBodyStatuses = new Set([101, 103, 204, 205, 304]);
const handlers = new Map<number, (event: TransportEvent) => void>();
let worker: Worker | undefined;
let nextId = 1;

function transportWorker(): Worker {
  if (!worker) {
    // A small young generation (worker-options.ts): the worker allocates little per chunk, and
    // V8's default on a large machine grew it to tens of MB it never used.
    worker = new Worker(new URL('./transport-worker.ts', import.meta.url), workerOptions(transportWorkerLimits));
    worker.on('message', (event: TransportEvent) => handlers.get(event.id)?.(event));
    // The harness monitor reads how busy it was (see harness-monitor.ts).
    registerHarnessWorker(worker);
    worker.unref();
  }
  return worker;
}

function send(message: TransportRequest, transfer: ArrayBuffer[] = []): void {
  transportWorker().postMessage(message, transfer);
}

/** Set by prioritizeTransport: the main thread yields once the first request is sent. */
let yieldOnFirstRequest = false;

/**
 * Starts the transport worker, and has this (main) thread lower its scheduling priority when the
 * first request is sent, so that on a busy machine the thread that stamps arrivals gets a core
 * before the one that parses and scores: every millisecond the stamping thread waits for a core
 * is added to a provider's figures. Not before: loading the datasets, the tokenizer and the SDK
 * measures nothing, and at nice 10 beside two busy processes it took three times as long. On
 * Linux, setpriority on the calling thread leaves the worker (already created) as it was; where
 * that is not allowed or not per-thread, nothing changes. For a process that does nothing but
 * measure (the CLI): it lasts for the rest of the process.
 */
export function prioritizeTransport(): void {
  transportWorker();
  yieldOnFirstRequest = true;
}

/** Called as the first measured request leaves, by every engine (see prioritizeTransport). */
export function yieldToTransport(): void {
  if (!yieldOnFirstRequest) return;
  yieldOnFirstRequest = false;
  try {
    setPriority(Math.max(getPriority(), 10));
  } catch {
    // Not permitted here: the measurement is as good as the scheduler makes it.
  }
}

/** No send was seen (the request failed before a connection, say): the clock starts at the fetch call. */
function sentAtFetchIfUnknown(times: TransportTimes): void {
  if (times.sentAt !== undefined) return;
  times.sentAt = times.fetchCalledAt;
  times.sentBy = 'fetch';
}


/** Worker times are epoch ms; the rest of the harness uses this thread's performance.now(). */
const toLocalTime = (epoch: number) => epoch - performance.timeOrigin;

/**
 * A `fetch` for the provider packages whose HTTP happens in a transport worker thread (see
 * transport-worker.ts), so that the clock starts when the request's headers are written to the
 * socket and each body chunk is stamped on arrival, whatever the main thread is busy with.
 * `onActivity` is called when the request has been sent, and when its headers and each chunk arrive.
 */
export function createTimedFetch(times: TransportTimes, options: { onActivity?: () => void } = {}): typeof globalThis.fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    const body = request.body ? await request.arrayBuffer() : null;
    const id = nextId++;
    const protocol = streamProtocolOf(request.url);
    let watch: EventStreamWatch | undefined;
    yieldToTransport();
    times.fetchCalledAt = performance.now();
    return new Promise<Response>((resolve, reject) => {
      let bodyController: ReadableStreamDefaultController<Uint8Array> | undefined;
      let responded = false;
      const abort = () => send({ type: 'abort', id });
      const finish = () => {
        handlers.delete(id);
        init?.signal?.removeEventListener('abort', abort);
        if (handlers.size === 0) worker?.unref();
      };
      // Once the body is closed, errored or cancelled by its reader (the SDK does so after an error
      // event), chunks still on their way from the worker are dropped: enqueueing them would throw
      // outside any caller, and end the process.
      let bodyOpen = true;
      const stream = new ReadableStream<Uint8Array>({
        start: (controller) => {
          bodyController = controller;
        },
        cancel: () => {
          bodyOpen = false;
          abort();
        },
      });
      // The protocol's last event came: the answer is whole, whether or not the server closes the
      // connection (one that holds it open would otherwise end as a stall). The provider package
      // reads to the end of the body now; the request itself is left a moment to end by itself,
      // so that a connection the server is about to close cleanly can be kept for the next one.
      /** The last byte handed to the provider package was a CR. */
      let endsWithCarriageReturn = false;
      const enqueue = (bytes: Uint8Array) => {
        if (bytes.length === 0) return;
        bodyController?.enqueue(bytes);
        endsWithCarriageReturn = bytes[bytes.length - 1] === 13;
      };
      // A body that ends with a CR ends a line (an event, if the line was blank), but an event-stream
      // parser waits for the LF that may follow it: at the end of the body, the LF is handed on.
      const closeBody = () => {
        if (endsWithCarriageReturn) enqueue(new Uint8Array([10]));
        bodyController?.close();
      };
      const endAtLastEvent = () => {
        watch?.close();
        closeBody();
        bodyOpen = false;
        setTimeout(() => {
          if (handlers.has(id)) abort();
        }, 1000).unref();
      };
      handlers.set(id, (event) => {
        switch (event.type) {
          case 'sent':
            if (times.sentAt === undefined) {
              times.sentAt = toLocalTime(event.at);
              times.sentBy = event.by;
            }
            options.onActivity?.();
            break;
          case 'response':
            responded = true;
            sentAtFetchIfUnknown(times);
            times.headersAt = toLocalTime(event.at);
            times.status = event.status;
            times.responseHeaders = Object.fromEntries(event.headers);
            if (event.status >= 300 && event.status < 400) {
              // The transport follows no redirect (see transport-worker.ts): a 3xx is not the API's answer.
              abort();
              bodyOpen = false;
              reject(redirectNotFollowed(event.status, times.responseHeaders.location, request.url));
              finish();
              break;
            }
            watch = protocol && event.status < 400 ? createEventStreamWatch(protocol, event.status, times.responseHeaders['content-type']) : undefined;
            if (watch) times.stream = watch.state;
            else delete times.stream;
            options.onActivity?.();
            resolve(
              new Response(nullBodyStatuses.has(event.status) ? null : stream, {
                status: event.status,
                statusText: event.statusText,
                headers: event.headers,
              }),
            );
            break;
          case 'chunk': {
            const at = toLocalTime(event.at);
            times.chunkTimes.push(at);
            times.lastChunkAt = at;
            options.onActivity?.();
            // The SDK parses this chunk in the microtasks that follow; its parts are stamped with it.
            times.deliveredChunkAt = at;
            // Bytes after the protocol's last event are no part of the answer: they are not passed on.
            const belonging = watch ? watch.push(event.bytes) : event.bytes.length;
            if (bodyOpen && belonging > 0) enqueue(belonging < event.bytes.length ? event.bytes.subarray(0, belonging) : event.bytes);
            if (watch?.state.lastEventSeen && bodyOpen) endAtLastEvent();
            break;
          }
          case 'end':
            // Before the body closes: the provider package may finish the moment it does.
            watch?.close();
            if (bodyOpen) closeBody();
            bodyOpen = false;
            finish();
            break;
          case 'error': {
            const error = deserializeError(event.error);
            watch?.fail();
            sentAtFetchIfUnknown(times);
            if (!responded) reject(error);
            else if (bodyOpen) bodyController?.error(error);
            bodyOpen = false;
            finish();
            break;
          }
        }
      });
      init?.signal?.addEventListener('abort', abort, { once: true });
      transportWorker().ref();
      send(
        { type: 'request', id, url: request.url, method: request.method, headers: [...request.headers.entries()], body },
        body ? [body] : [],
      );
    });
  };
}
