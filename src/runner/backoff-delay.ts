export type BackoffOptions = {
  /** First wait without a server hint. */
  baseMs: number;
  /** No wait is longer, whatever the server says. */
  capMs: number;
  random?: () => number;
};

export const defaultBackoff: BackoffOptions = { baseMs: 500, capMs: 60_000 };

/** Shortest wait after a rate limit or failure, whatever the server says (`retry-after: 0`). */
const minimumWaitMs = 100;

/**
 * The wait before retry number `retry` (1-based). A server hint is honoured with up to 10%
 * jitter on top, so that many waiting requests do not return in one burst; at the cap the jitter
 * is taken below it (90–100% of the cap), and no wait is shorter than 100 ms. Without a hint,
 * exponential back-off with "equal jitter" (half fixed, half random: never an instant retry).
 */
export function backoffDelay(retry: number, retryAfterMs: number | undefined, options: BackoffOptions = defaultBackoff): number {
  const random = options.random ?? Math.random;
  // A hint that is no number says nothing: back off as without one.
  if (retryAfterMs !== undefined && !Number.isNaN(retryAfterMs)) {
    const wait = Math.max(minimumWaitMs, retryAfterMs);
    const jittered = wait + wait * 0.1 * random();
    if (jittered <= options.capMs) return jittered;
    // At the cap: jitter below it, but never shorter than the server asked for when it asked for
    // less than the cap (a hint over the cap is cut anyway).
    const belowCap = options.capMs * (0.9 + 0.1 * random());
    return wait <= options.capMs ? Math.max(wait, belowCap) : belowCap;
  }
  const ceiling = Math.min(options.capMs, options.baseMs * 2 ** (retry - 1));
  return ceiling / 2 + (ceiling / 2) * random();
}
