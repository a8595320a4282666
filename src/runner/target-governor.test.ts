import PQueue from 'p-queue';
import { describe, expect, it } from 'vitest';
import { TargetGovernor } from './target-governor.ts';
import { FakeClock } from './test/fake-clock.ts';

describe('TargetGovernor', () => {
  it('halves concurrency on a 429 and wins it back one slot per round of successes', () => {
    const queue = new PQueue({ concurrency: 8 });
    const governor = new TargetGovernor(queue, { maxConcurrency: 8, maxErrorRate: 0.5 });
    governor.onAttempt({ type: 'rate_limited', message: '429' });
    expect(governor.concurrency).toBe(4);
    governor.onAttempt({ type: 'rate_limited', message: '429' });
    expect(governor.concurrency).toBe(2);
    governor.onAttempt(undefined);
    governor.onAttempt(undefined);
    expect(governor.concurrency).toBe(3);
  });

  it('pauses the target until the server says it may try again, on the clock it is given', async () => {
    const clock = new FakeClock();
    const queue = new PQueue({ concurrency: 2 });
    const governor = new TargetGovernor(queue, { maxConcurrency: 2, maxErrorRate: 0.5, now: clock.now, sleep: clock.sleep });
    governor.onAttempt({ type: 'rate_limited', message: '429', retryAfterMs: 50 });
    expect(queue.isPaused).toBe(true);
    await clock.advance(49);
    expect(queue.isPaused).toBe(true);
    await clock.advance(1);
    expect(queue.isPaused).toBe(false);
  });

  it('lets a longer pause replace a shorter one, keeps a longer one over a shorter, and caps a pause at a minute', async () => {
    const clock = new FakeClock();
    const queue = new PQueue({ concurrency: 4 });
    const governor = new TargetGovernor(queue, { maxConcurrency: 4, maxErrorRate: 0.5, now: clock.now, sleep: clock.sleep });
    governor.onAttempt({ type: 'rate_limited', message: '429', retryAfterMs: 100 });
    await clock.advance(10);
    governor.onAttempt({ type: 'rate_limited', message: '429', retryAfterMs: 500 });
    governor.onAttempt({ type: 'rate_limited', message: '429', retryAfterMs: 20 });
    await clock.advance(490);
    // The first pause's end (100) and the third's (30) did not resume the queue early.
    expect(queue.isPaused).toBe(true);
    await clock.advance(10);
    expect(queue.isPaused).toBe(false);
    governor.onAttempt({ type: 'rate_limited', message: '429', retryAfterMs: 3_600_000 });
    await clock.advance(59_999);
    expect(queue.isPaused).toBe(true);
    await clock.advance(1);
    expect(queue.isPaused).toBe(false);
    expect(clock.pending).toBe(0);
  });

  it('ends its pause when stopped, and tells onStop once, at once', async () => {
    const clock = new FakeClock();
    const stops: string[] = [];
    const queue = new PQueue({ concurrency: 2 });
    const governor = new TargetGovernor(queue, {
      maxConcurrency: 2,
      maxErrorRate: 0.5,
      now: clock.now,
      sleep: clock.sleep,
      onStop: (reason) => stops.push(reason),
    });
    governor.onAttempt({ type: 'rate_limited', message: '429', retryAfterMs: 30_000 });
    governor.onAttempt({ type: 'auth', message: 'bad key', httpStatus: 401 });
    governor.onAttempt({ type: 'auth', message: 'bad key', httpStatus: 401 });
    expect(stops).toEqual(['authentication failed (HTTP 401): bad key']);
    // Waiting slots go through at once (to end unsent), and the pause's wait is over.
    expect(queue.isPaused).toBe(false);
    await clock.settle();
    expect(clock.pending).toBe(0);
  });

  it('once released (the run stopped), lets waiting slots through and pauses no more', () => {
    const clock = new FakeClock();
    const queue = new PQueue({ concurrency: 2 });
    const governor = new TargetGovernor(queue, { maxConcurrency: 2, maxErrorRate: 0.5, now: clock.now, sleep: clock.sleep });
    governor.onAttempt({ type: 'rate_limited', message: '429', retryAfterMs: 30_000 });
    expect(queue.isPaused).toBe(true);
    governor.release();
    expect(queue.isPaused).toBe(false);
    // A 429 still in flight when the run stopped must not hold the drain for another 30 s.
    governor.onAttempt({ type: 'rate_limited', message: '429', retryAfterMs: 30_000 });
    expect(queue.isPaused).toBe(false);
    expect(clock.pending).toBe(0);
  });

  it('stops at once on an authentication or quota error', () => {
    const governor = new TargetGovernor(new PQueue({ concurrency: 2 }), { maxConcurrency: 2, maxErrorRate: 0.5 });
    governor.onAttempt({ type: 'quota', message: 'You exceeded your current quota', httpStatus: 429 });
    expect(governor.stopReason).toContain('out of quota');
  });

  it('opens the circuit when most recent slots failed, and not before it has seen enough', () => {
    const governor = new TargetGovernor(new PQueue({ concurrency: 2 }), { maxConcurrency: 2, maxErrorRate: 0.5, window: 10 });
    for (let index = 0; index < 4; index++) governor.onSlotEnd(true);
    expect(governor.stopped).toBe(false);
    governor.onSlotEnd(true);
    expect(governor.stopReason).toContain('circuit breaker: 5 of the last 5');
  });
});
