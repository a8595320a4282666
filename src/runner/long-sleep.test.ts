import { setTimeout as sleepFor } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { maxTimerMs } from '../config/limits.ts';
import { longSleep } from './long-sleep.ts';

describe('longSleep', () => {
  it('is not cut to 1 ms by a wait longer than a timer holds (2^31-1 ms), and ends when the signal aborts', async () => {
    const controller = new AbortController();
    let done = false;
    const sleeping = longSleep(maxTimerMs + 1000, controller.signal).then(() => (done = true));
    // A timer of that length would have fired after 1 ms; this one must still be waiting.
    await sleepFor(200);
    expect(done).toBe(false);
    controller.abort();
    await sleeping;
    expect(done).toBe(true);
  });

  it('ends a short wait on time, and takes NaN or a negative wait as none', async () => {
    await longSleep(5);
    await longSleep(Number.NaN);
    await longSleep(-1);
  });
});
