import { AsyncLocalStorage } from 'node:async_hooks';
import diagnostics from 'node:diagnostics_channel';
import type { Socket } from 'node:net';
import { parentPort } from 'node:worker_threads';
import { serializeError, type TransportEvent, type TransportRequest } from './transport-messages.ts';

/**
 * The transport worker: does the HTTP of every measured request and stamps each event on its
 * own quiet event loop. The main thread parses with the AI SDK, collects garbage and scores;
 * pauses there (20-50 ms garbage collections at 50 concurrent streams) would otherwise be
 * added to whichever stream's chunk arrived during them.
 */
const port = parentPort;
if (!port) throw new Error('transport-worker.ts must run as a worker thread');

/** The most body bytes one response may send (answers are capped at 8 Mi characters anyway). */
const maxResponseBytes = 64 * 2 ** 20;

const epochNow = () => performance.timeOrigin + performance.now();
const post = (event: TransportEvent, transfer: ArrayBuffer[] = []) => port.postMessage(event, transfer);
const controllers = new Map<number, AbortController>();
const currentRequest = new AsyncLocalStorage<number>();
const requestIds = new WeakMap<object, number>();

diagnostics.subscribe('undici:request:create', (message) => {
  const id = currentRequest.getStore();
  const request = (message as { request?: object }).request;
  if (id !== undefined && request) requestIds.set(request, id);
});
const idOf = (message: unknown) => {
  const request = (message as { request?: object }).request;
  return request ? requestIds.get(request) : undefined;
};
/** When each request's headers were handed to the socket writer, until they reached the socket. */
const headersSentAt = new Map<number, number>();
/** The request whose headers each socket is about to write. */
const awaitingWrite = new WeakMap<object, number>();
const watchedSockets = new WeakSet<object>();
// fetch streams every body, even a buffer: undici publishes sendHeaders, then writes the headers
// together with the first body chunk some event-loop turns later (0.6 ms on average here, more
// under load). The request has left when that first write reaches the socket.
diagnostics.subscribe('undici:client:sendHeaders', (message) => {
  const id = idOf(message);
  const socket = (message as { socket?: Socket }).socket;
  if (id === undefined) return;
  headersSentAt.set(id, epochNow());
  if (!socket) return;
  awaitingWrite.set(socket, id);
  if (watchedSockets.has(socket)) return;
  watchedSockets.add(socket);
  const write = socket.write;
  socket.write = function (this: Socket, ...args: Parameters<Socket['write']>) {
    const waiting = awaitingWrite.get(this);
    if (waiting !== undefined) {
      awaitingWrite.delete(this);
      if (headersSentAt.delete(waiting)) post({ type: 'sent', id: waiting, at: epochNow(), by: 'socket' });
    }
    return write.apply(this, args);
  } as Socket['write'];
});
/** A request answered or failed with no write seen: it left when its headers were handed over. */
function settleSent(id: number): void {
  const at = headersSentAt.get(id);
  if (at === undefined) return;
  headersSentAt.delete(id);
  post({ type: 'sent', id, at, by: 'headers' });
}

port.on('message', (message: TransportRequest) => {
  if (message.type === 'abort') {
    controllers.get(message.id)?.abort();
    return;
  }
  void transfer(message);
});

async function transfer(request: Extract<TransportRequest, { type: 'request' }>): Promise<void> {
  const controller = new AbortController();
  controllers.set(request.id, controller);
  try {
    const response = await currentRequest.run(request.id, () =>
      fetch(request.url, {
        method: request.method,
        headers: request.headers,
        ...(request.body ? { body: request.body } : {}),
        signal: controller.signal,
        // Never followed: a redirect would carry the key to wherever it points (undici forwards
        // x-api-key and api-key to another origin), and a 302 or 303 turns the POST into a GET.
        redirect: 'manual',
      }),
    );
    settleSent(request.id);
    post({
      type: 'response',
      id: request.id,
      at: epochNow(),
      status: response.status,
      statusText: response.statusText,
      headers: [...response.headers.entries()],
    });
    if (response.body) {
      let received = 0;
      for await (const chunk of response.body) {
        const at = epochNow();
        const room = maxResponseBytes - received;
        received += (chunk as Uint8Array).byteLength;
        if (received > maxResponseBytes) {
          // A runaway or hostile body (one endless SSE line, say) must not exhaust the harness's
          // memory: the SDK would buffer it whole, text or not. It gets the body up to the limit
          // exactly, as the message says.
          controller.abort();
          const head = new Uint8Array((chunk as Uint8Array).subarray(0, room));
          if (head.byteLength > 0) post({ type: 'chunk', id: request.id, at, bytes: head }, [head.buffer]);
          const error = new Error(`response body larger than ${maxResponseBytes / 2 ** 20} MiB: cut off at ${maxResponseBytes} bytes`);
          error.name = 'ResponseTooLargeError';
          post({ type: 'error', id: request.id, at, error: serializeError(error) });
          return;
        }
        // A copy of just this chunk: undici's chunks may be views of a larger pooled buffer.
        const bytes = new Uint8Array(chunk as Uint8Array);
        post({ type: 'chunk', id: request.id, at, bytes }, [bytes.buffer]);
      }
    }
    post({ type: 'end', id: request.id, at: epochNow() });
  } catch (error) {
    settleSent(request.id);
    post({ type: 'error', id: request.id, at: epochNow(), error: serializeError(error) });
  } finally {
    controllers.delete(request.id);
  }
}
