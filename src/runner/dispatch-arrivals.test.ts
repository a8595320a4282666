import { describe, expect, it } from 'vitest';
import { dispatchArrivals } from './dispatch-arrivals.ts';
import { FakeClock } from './test/fake-clock.ts';

describe('dispatchArrivals', () => {
  it('keeps one timer at a time, releasing together every slot due when it fires', async () => {
    const clock = new FakeClock();
    const released: Array<[number, number]> = [];
    const done = dispatchArrivals([0, 0, 10, 10, 10, 25], (index) => released.push([index, clock.now()]), {
      elapsed: clock.now,
      sleep: clock.sleep,
      signal: new AbortController().signal,
    });
    await clock.runUntil(done);
    expect(released).toEqual([[0, 0], [1, 0], [2, 10], [3, 10], [4, 10], [5, 25]]);
    // One wait per distinct due time after the first, never one per slot.
    expect(clock.sleeps).toEqual([{ at: 0, milliseconds: 10 }, { at: 10, milliseconds: 15 }]);
  });

  it('a late timer (a busy event loop) releases every slot then due in one batch, not falling further behind', async () => {
    let now = 0;
    const released: Array<[number, number]> = [];
    const sleeps: number[] = [];
    await dispatchArrivals([0, 5, 10, 15, 40], (index) => released.push([index, now]), {
      elapsed: () => now,
      // Each wait overshoots to 20 ms past where it was asked to end.
      sleep: async (milliseconds) => {
        sleeps.push(milliseconds);
        now += milliseconds + 20;
      },
      signal: new AbortController().signal,
    });
    expect(released).toEqual([[0, 0], [1, 25], [2, 25], [3, 25], [4, 60]]);
    expect(sleeps).toEqual([5, 15]);
  });

  it('releases nothing more once the signal aborts', async () => {
    const clock = new FakeClock();
    const stop = new AbortController();
    const released: number[] = [];
    const done = dispatchArrivals([0, 100, 200], (index) => released.push(index), { elapsed: clock.now, sleep: clock.sleep, signal: stop.signal });
    await clock.advance(150);
    stop.abort();
    await done;
    expect(released).toEqual([0, 1]);
  });
});
