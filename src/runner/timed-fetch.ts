/**
 * What the transport saw of one request, on the harness's monotonic clock (performance.now()).
 * Filled in by the fetch wrapper, read by the attempt once the stream is done.
 */
export type TransportTimes = {
  sentAt?: number;
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
  return async (input, init) => {
    times.sentAt = now();
    const response = await baseFetch(input, init);
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
