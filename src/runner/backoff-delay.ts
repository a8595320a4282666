export type BackoffOptions = {
  /** First wait without a server hint. */
  baseMs: number;
  /** No wait is longer, whatever the server says. */
  capMs: number;
  random?: () => number;
};

export const defaultBackoff: BackoffOptions = { baseMs: 500, capMs: 60_000 };

/**
 * The wait before retry number `retry` (1-based). A server hint is honoured, capped, with up to
 * 10% jitter on top so that many waiting requests do not return in one burst; without a hint,
 * exponential back-off with "equal jitter" (half fixed, half random: never an instant retry).
 */
export function backoffDelay(retry: number, retryAfterMs: number | undefined, options: BackoffOptions = defaultBackoff): number {
  const random = options.random ?? Math.random;
  if (retryAfterMs !== undefined) {
    const wait = Math.min(retryAfterMs, options.capMs);
    return Math.min(options.capMs, wait + wait * 0.1 * random());
  }
  const ceiling = Math.min(options.capMs, options.baseMs * 2 ** (retry - 1));
  return ceiling / 2 + (ceiling / 2) * random();
}
