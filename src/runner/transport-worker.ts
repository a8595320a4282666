import { AsyncLocalStorage } from 'node:async_hooks';
import diagnostics from 'node:diagnostics_channel';
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
diagnostics.subscribe('undici:client:sendHeaders', (message) => {
  const request = (message as { request?: object }).request;
  const id = request ? requestIds.get(request) : undefined;
  if (id !== undefined) post({ type: 'sent', id, at: epochNow() });
});

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
      }),
    );
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
        received += (chunk as Uint8Array).byteLength;
        if (received > maxResponseBytes) {
          // A runaway or hostile body (one endless SSE line, say) must not exhaust the harness's
          // memory: the SDK would buffer it whole, text or not.
          controller.abort();
          const error = new Error(`response body larger than ${maxResponseBytes / 2 ** 20} MiB: cut off`);
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
    post({ type: 'error', id: request.id, at: epochNow(), error: serializeError(error) });
  } finally {
    controllers.delete(request.id);
  }
}
