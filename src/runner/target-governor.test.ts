import PQueue from 'p-queue';
import { describe, expect, it } from 'vitest';
import { TargetGovernor } from './target-governor.ts';

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

  it('pauses the target until the server says it may try again', () => {
    const now = 0;
    const queue = new PQueue({ concurrency: 2 });
    const governor = new TargetGovernor(queue, { maxConcurrency: 2, maxErrorRate: 0.5, now: () => now });
    governor.onAttempt({ type: 'rate_limited', message: '429', retryAfterMs: 50 });
    expect(queue.isPaused).toBe(true);
    governor.dispose();
  });

  it('once released (the run stopped), lets waiting slots through and pauses no more', () => {
    const queue = new PQueue({ concurrency: 2 });
    const governor = new TargetGovernor(queue, { maxConcurrency: 2, maxErrorRate: 0.5 });
    governor.onAttempt({ type: 'rate_limited', message: '429', retryAfterMs: 30_000 });
    expect(queue.isPaused).toBe(true);
    governor.release();
    expect(queue.isPaused).toBe(false);
    // A 429 still in flight when the run stopped must not hold the drain for another 30 s.
    governor.onAttempt({ type: 'rate_limited', message: '429', retryAfterMs: 30_000 });
    expect(queue.isPaused).toBe(false);
    governor.dispose();
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
