import type { Sleep } from './sleep-unless-stopped.ts';

/** A `--start-at` more than this far ahead is refused (a typo in the date, most likely). */
export const maxStartAheadMs = 24 * 60 * 60 * 1000;

/**
 * The schedule's zero: now, or `startAtMs` (epoch ms, `--start-at`) when it is still ahead,
 * waited for (a stop ends the wait). The zero is placed on the monotonic clock at exactly that
 * wall time, so shards started with the same `--start-at` share it, and a late wake shows as
 * dispatch delay rather than moving the schedule. A time already past starts at once, with a notice.
 */
export async function waitForScheduleZero(
  startAtMs: number | undefined,
  clock: { now: () => number; wallClock: () => number; sleep: Sleep; signal: AbortSignal; onNotice?: ((message: string) => void) | undefined },
): Promise<{ zeroMs: number; startedAt: string }> {
  const wall = clock.wallClock();
  const at = clock.now();
  if (startAtMs === undefined || startAtMs <= wall) {
    if (startAtMs !== undefined) {
      clock.onNotice?.(`--start-at ${new Date(startAtMs).toISOString()} had passed ${formatSeconds(wall - startAtMs)} ago: the schedule starts now.`);
    }
    return { zeroMs: at, startedAt: new Date(wall).toISOString() };
  }
  const ahead = startAtMs - wall;
  await clock.sleep(ahead, clock.signal);
  return { zeroMs: at + ahead, startedAt: new Date(startAtMs).toISOString() };
}

function formatSeconds(milliseconds: number): string {
  const seconds = milliseconds / 1000;
  if (seconds < 120) return `${seconds.toFixed(1)} s`;
  if (seconds < 7200) return `${(seconds / 60).toFixed(1)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}
