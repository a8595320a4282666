import type PQueue from 'p-queue';
import type { AttemptError } from '../records/attempt-record.ts';
import { longSleep } from './long-sleep.ts';

export type GovernorOptions = {
  /** Concurrency the target starts at, and never exceeds. */
  maxConcurrency: number;
  /** Stop the target when more than this share of its recent slots failed. */
  maxErrorRate: number;
  /** Recent slots the error rate is computed over; the breaker needs at least half of them. */
  window?: number;
  /** Monotonic milliseconds; default `performance.now`. */
  now?: () => number;
  /** Waits out a pause: resolves after the wait, or early when the signal aborts. Default: a timer. */
  sleep?: (milliseconds: number, signal?: AbortSignal) => Promise<void>;
  /** Called once, the moment the target is stopped, with the reason. */
  onStop?: (reason: string) => void;
};

/**
 * Keeps one target's traffic polite and bounded. On a 429 it halves the target's concurrency
 * and pauses the target until the server's reset time, rather than letting other slots hammer
 * it; successes win concurrency back one slot at a time (additive increase, multiplicative
 * decrease). An auth or quota error stops the target at once, and a circuit breaker stops it when
 * too many of its recent slots failed; the other targets go on.
 */
export class TargetGovernor {
  stopReason: string | undefined;
  private readonly queue: PQueue;
  private readonly options: Required<Pick<GovernorOptions, 'maxConcurrency' | 'maxErrorRate' | 'window'>>;
  private readonly recent: boolean[] = [];
  private successesSinceIncrease = 0;
  private pausedUntil = 0;
  /** Ends the current pause's wait early (a newer, longer pause, a stop, the end of the run). */
  private pauseWait: AbortController | undefined;
  private released = false;
  private readonly now: () => number;
  private readonly sleep: (milliseconds: number, signal?: AbortSignal) => Promise<void>;
  private readonly onStop: ((reason: string) => void) | undefined;

  constructor(queue: PQueue, options: GovernorOptions) {
    this.queue = queue;
    this.options = { window: options.window ?? 20, maxConcurrency: options.maxConcurrency, maxErrorRate: options.maxErrorRate };
    this.now = options.now ?? (() => performance.now());
    this.sleep = options.sleep ?? longSleep;
    this.onStop = options.onStop;
  }

  get stopped(): boolean {
    return this.stopReason !== undefined;
  }

  get concurrency(): number {
    return this.queue.concurrency;
  }

  /** After every attempt. */
  onAttempt(error: AttemptError | undefined): void {
    if (!error) {
      this.successesSinceIncrease++;
      if (this.successesSinceIncrease >= this.queue.concurrency && this.queue.concurrency < this.options.maxConcurrency) {
        this.queue.concurrency += 1;
        this.successesSinceIncrease = 0;
      }
      return;
    }
    if (error.type === 'auth' || error.type === 'quota') {
      this.stop(`${error.type === 'auth' ? 'authentication failed' : 'out of quota or credit'} (HTTP ${error.httpStatus ?? '?'}): ${error.message}`);
      return;
    }
    if (error.type === 'rate_limited') {
      this.successesSinceIncrease = 0;
      this.queue.concurrency = Math.max(1, Math.floor(this.queue.concurrency / 2));
      if (error.retryAfterMs !== undefined) this.pauseFor(error.retryAfterMs);
    }
  }

  /** After each slot's final attempt. */
  onSlotEnd(failed: boolean): void {
    this.recent.push(failed);
    if (this.recent.length > this.options.window) this.recent.shift();
    const failures = this.recent.filter(Boolean).length;
    if (this.recent.length >= this.options.window / 2 && failures / this.recent.length > this.options.maxErrorRate) {
      this.stop(`circuit breaker: ${failures} of the last ${this.recent.length} requests failed (--max-error-rate ${this.options.maxErrorRate})`);
    }
  }

  /** The run stops scheduling: waiting slots go through (to end unsent) and no 429 pauses again. */
  release(): void {
    this.released = true;
    this.pauseWait?.abort();
    this.queue.start();
  }

  private pauseFor(milliseconds: number): void {
    if (this.released) return;
    const wait = Math.min(milliseconds, 60_000);
    const until = this.now() + wait;
    if (until <= this.pausedUntil) return;
    this.pausedUntil = until;
    this.queue.pause();
    this.pauseWait?.abort();
    const pause = new AbortController();
    this.pauseWait = pause;
    // A sleep that throws (against its contract) still ends the pause rather than holding the target.
    void this.sleep(wait, pause.signal).catch(() => undefined).then(() => {
      // Ended early: a later pause took over, or the target was stopped or released.
      if (pause.signal.aborted) return;
      if (!this.stopped) this.queue.start();
    });
  }

  private stop(reason: string): void {
    if (this.stopped) return;
    this.stopReason = reason;
    this.pauseWait?.abort();
    // Waiting slots run at once and, seeing the target stopped, end without sending.
    this.queue.start();
    this.onStop?.(reason);
  }

  dispose(): void {
    this.pauseWait?.abort();
  }
}
