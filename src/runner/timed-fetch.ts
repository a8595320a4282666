import { AsyncLocalStorage } from 'node:async_hooks';
import diagnostics from 'node:diagnostics_channel';

/**
 * What the transport saw of one request, on the harness's monotonic clock (performance.now()).
 * Filled in by the fetch wrapper, read by the attempt once the stream is done.
 */
export type TransportTimes = {
  /** When the request's headers were written to the socket (or, failing that, when fetch was called). */
  sentAt?: number;
  /** When fetch was called: before connection set-up and undici's own work. */
  fetchCalledAt?: number;
  headersAt?: number;
  status?: number;
  responseHeaders?: Record<string, string>;
  /** When each network chunk of the body reached us. */
  chunkTimes: number[];
  lastChunkAt?: number;
};

export function createTransportTimes(): TransportTimes {
  return { chunkTimes: [] };
}

const activeTransport = new AsyncLocalStorage<TransportTimes>();
const transportOfRequest = new WeakMap<object, TransportTimes>();
let listening = false;

/**
 * Node's fetch (undici) reports on diagnostics channels when it creates a request and when it
 * writes the request's headers to the socket. The first runs inside our fetch call's async
 * context, which ties the request to its attempt; the second is the true moment of sending,
 * 0.3 to 5 ms after fetch was called (measured on a loaded 2-core machine).
 */
function listenToUndici(): void {
  if (listening) return;
  listening = true;
  diagnostics.subscribe('undici:request:create', (message) => {
    const times = activeTransport.getStore();
    const request = (message as { request?: object }).request;
    if (times && request) transportOfRequest.set(request, times);
  });
  diagnostics.subscribe('undici:client:sendHeaders', (message) => {
    const request = (message as { request?: object }).request;
    const times = request ? transportOfRequest.get(request) : undefined;
    if (times && times.sentAt === undefined) times.sentAt = performance.now();
  });
}

/**
 * Wraps `fetch` so the clock starts as close to the send as the transport lets JavaScript see,
 * and every body chunk is stamped when it arrives, before the SDK parses it: the SDK's own
 * processing time is never attributed to the provider.
 */
export function createTimedFetch(
  times: TransportTimes,
  options: { onActivity?: () => void; now?: () => number; fetch?: typeof globalThis.fetch } = {},
): typeof globalThis.fetch {
  const now = options.now ?? (() => performance.now());
  const baseFetch = options.fetch ?? globalThis.fetch;
  if (!options.fetch) listenToUndici();
  return async (input, init) => {
    times.fetchCalledAt = now();
    let response: Response;
    try {
      response = await activeTransport.run(times, () => baseFetch(input, init));
    } finally {
      times.sentAt ??= times.fetchCalledAt;
    }
    times.headersAt = now();
    times.status = response.status;
    times.responseHeaders = Object.fromEntries(response.headers.entries());
    options.onActivity?.();
    if (!response.body) return response;
    const stamped = response.body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          const at = now();
          times.chunkTimes.push(at);
          times.lastChunkAt = at;
          options.onActivity?.();
          controller.enqueue(chunk);
        },
      }),
    );
    return new Response(stamped, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };
}
