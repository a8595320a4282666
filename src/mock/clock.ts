/** Read once: `performance.timeOrigin` is a getter that costs about as much as `performance.now()`. */
const origin = performance.timeOrigin;

/**
 * Wall-clock milliseconds with sub-millisecond resolution. `Date.now()` is too coarse for chunk
 * timing and `performance.now()` alone is not comparable across processes; the sum is both.
 */
export function now(): number {
  return origin + performance.now();
}
