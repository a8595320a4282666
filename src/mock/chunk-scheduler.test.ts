import { describe, expect, it, vi } from 'vitest';
import { maxTimerMs } from '../config/limits.ts';
import { createChunkScheduler } from './chunk-scheduler.ts';
import { now } from './clock.ts';

describe('chunk scheduler', () => {
  it('wakes waiters in time order, never early', async () => {
    const scheduler = createChunkScheduler();
    const start = now();
    const order: number[] = [];
    const offsets = [30, 5, 20, 5, 12];
    await Promise.all(
      offsets.map(async (offset, index) => {
        await scheduler.waitUntil(start + offset);
        expect(now()).toBeGreaterThanOrEqual(start + offset);
        order.push(index);
      }),
    );
    expect(order).toEqual([1, 3, 4, 2, 0]);
    scheduler.close();
  });

  it('resolves a past deadline at once and never resolves after close', async () => {
    const scheduler = createChunkScheduler();
    await scheduler.waitUntil(now() - 10);
    scheduler.close();
    const outcome = await Promise.race([
      scheduler.waitUntil(now() + 1).then(() => 'resolved'),
      new Promise((resolve) => setTimeout(() => resolve('pending'), 20)),
    ]);
    expect(outcome).toBe('pending');
  });

  it('waits for a deadline further than one timer holds without a timer that overflows to 1 ms', async () => {
    const timeouts = vi.spyOn(globalThis, 'setTimeout');
    const scheduler = createChunkScheduler();
    try {
      let woken = false;
      void scheduler.waitUntil(now() + maxTimerMs * 3).then(() => (woken = true));
      await new Promise((resolve) => setImmediate(resolve));
      const delays = timeouts.mock.calls.map((call) => call[1] ?? 0);
      expect(delays.length).toBeGreaterThan(0);
      for (const delay of delays) expect(delay).toBeLessThanOrEqual(maxTimerMs);
      expect(woken).toBe(false);
    } finally {
      scheduler.close();
      timeouts.mockRestore();
    }
  });

  it('runs callbacks at their times in time order, those due together in one wake, and none after close', async () => {
    const scheduler = createChunkScheduler();
    const start = now();
    const ran: Array<[index: number, at: number]> = [];
    const done = new Promise<void>((resolve) => {
      [8, 2, 2, 5].forEach((offset, index) => scheduler.at(start + offset, () => {
        ran.push([index, now()]);
        if (ran.length === 4) resolve();
      }));
    });
    await done;
    expect(ran.map(([index]) => index)).toEqual([1, 2, 3, 0]);
    [8, 2, 2, 5].forEach((offset, index) => expect(ran.find(([which]) => which === index)![1]).toBeGreaterThanOrEqual(start + offset));
    let late = false;
    scheduler.at(now() + 1, () => (late = true));
    scheduler.close();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(late).toBe(false);
  });
});
