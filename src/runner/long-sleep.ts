import { setTimeout as sleepFor } from 'node:timers/promises';
import { maxTimerMs } from '../config/limits.ts';

/**
 * Waits `milliseconds`, however long: a single timer longer than 2^31-1 ms would fire after 1 ms
 * (Node's `TimeoutOverflowWarning`), so a long wait is slept in steps. A wait that could grow that
 * long: `--rate` at its slowest, with thousands of slots each reserving the start after the last.
 * Ends early, without throwing, when the signal aborts.
 */
export async function longSleep(milliseconds: number, signal?: AbortSignal): Promise<void> {
  // Infinity is slept in steps until the signal ends it; NaN is no wait at all.
  let left = Number.isNaN(milliseconds) ? 0 : Math.max(0, milliseconds);
  do {
    const step = Math.min(left, maxTimerMs);
    try {
      await sleepFor(step, undefined, signal ? { signal } : {});
    } catch {
      return;
    }
    left -= step;
  } while (left > 0 && !signal?.aborted);
}
