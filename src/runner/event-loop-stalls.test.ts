import { describe, expect, it } from 'vitest';
import { watchEventLoopStalls, type IntervalTimer } from './event-loop-stalls.ts';

/** A clock and a timer the test moves: `tickAt(t)` runs the interval's callback as if the loop got to it at t. */
function fakeTimer() {
  let clock = 0;
  let tick: (() => void) | undefined;
  let stopped = 0;
  const timer: IntervalTimer = { every: (_ms, callback) => ((tick = callback), { stop: () => void stopped++ }) };
  return { timer, now: () => clock, setClock: (at: number) => void (clock = at), tickAt: (at: number) => ((clock = at), tick?.()), stopped: () => stopped };
}

describe('watchEventLoopStalls', () => {
  it('sums the lateness of ticks held past the threshold, and nothing of ticks on time or a little late', () => {
    const fake = fakeTimer();
    const stalls = watchEventLoopStalls(20, { everyMs: 10, now: fake.now, timer: fake.timer });
    stalls.start();
    fake.tickAt(10); // on time
    fake.tickAt(35); // 15 ms late: under the threshold
    fake.tickAt(105); // 60 ms late: a stall
    fake.tickAt(115);
    fake.tickAt(1125); // held a whole second
    expect(stalls.stalledMs()).toBe(60 + 1000);
    // Held right now, in the turn that reads it: its tick has not run yet, its lateness counts.
    fake.setClock(1535);
    expect(stalls.stalledMs()).toBe(60 + 1000 + 400);
    stalls.stop();
    expect(stalls.stalledMs()).toBe(60 + 1000);
    expect(fake.stopped()).toBe(1);
  });

  it('forgets earlier stalls at a restart', () => {
    const fake = fakeTimer();
    const stalls = watchEventLoopStalls(20, { everyMs: 10, now: fake.now, timer: fake.timer });
    stalls.start();
    fake.tickAt(500);
    expect(stalls.stalledMs()).toBe(490);
    fake.tickAt(600);
    stalls.start();
    fake.tickAt(610);
    expect(stalls.stalledMs()).toBe(0);
  });

  it('sees a real 80 ms block of this thread', async () => {
    const stalls = watchEventLoopStalls(20, { everyMs: 5 });
    stalls.start();
    await new Promise((resolve) => setTimeout(resolve, 15));
    const until = performance.now() + 80;
    while (performance.now() < until) {
      // Held, as a slow scorer holds it.
    }
    await new Promise((resolve) => setTimeout(resolve, 15));
    stalls.stop();
    expect(stalls.stalledMs()).toBeGreaterThanOrEqual(50);
  });
});
