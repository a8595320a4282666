import type { Sleep } from './sleep-unless-stopped.ts';

/**
 * Open loop: releases slot i at `offsets[i]` (ms from the schedule's zero, ascending), whatever
 * happened to the slots before it. One timer at a time: each time it fires, every slot that is
 * due by then is released together, so a late timer (a busy event loop) sends a batch rather
 * than falling further behind, and the lateness shows in each record's dispatch delay. Ends once
 * the last slot is released, or at once when the signal aborts (the slots left are not released).
 */
export async function dispatchArrivals(
  offsets: ArrayLike<number>,
  release: (index: number) => void,
  clock: { elapsed: () => number; sleep: Sleep; signal: AbortSignal },
): Promise<void> {
  let next = 0;
  while (next < offsets.length && !clock.signal.aborted) {
    const elapsed = clock.elapsed();
    while (next < offsets.length && (offsets[next] ?? 0) <= elapsed) release(next++);
    if (next < offsets.length) await clock.sleep((offsets[next] ?? 0) - elapsed, clock.signal);
  }
}
