import { setImmediate as nextTurn, setTimeout as realTurn } from 'node:timers/promises';

type Sleeper = { at: number; order: number; wake: () => void };

/**
 * A clock that moves only when the test moves it: `now` and `sleep` go to `runPlan` (and the
 * pacer, the governor, a scripted attempt) in place of `performance.now` and timers, so waits of
 * minutes pass in microseconds and every figure is exact. Like the AI SDK's injected `now`.
 */
export class FakeClock {
  /** Every wait asked for, in order: when it was asked (fake ms) and for how long. */
  readonly sleeps: Array<{ at: number; milliseconds: number }> = [];
  private time: number;
  private sleepers: Sleeper[] = [];
  private count = 0;

  constructor(start = 0) {
    this.time = start;
  }

  readonly now = (): number => this.time;

  /** Resolves when the clock reaches the end of the wait, or at once when the signal aborts; never throws. */
  readonly sleep = (milliseconds: number, signal?: AbortSignal): Promise<void> => {
    this.sleeps.push({ at: this.time, milliseconds });
    const wait = Number.isNaN(milliseconds) ? 0 : Math.max(0, milliseconds);
    if (signal?.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const sleeper: Sleeper = {
        at: this.time + wait,
        order: this.count++,
        wake: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      const onAbort = () => {
        this.sleepers = this.sleepers.filter((other) => other !== sleeper);
        sleeper.wake();
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.sleepers.push(sleeper);
    });
  };

  /** Waits still pending (an aborted one is not). */
  get pending(): number {
    return this.sleepers.length;
  }

  /**
   * Moves the clock `milliseconds` forward, waking each wait that ends on the way at its own time,
   * earliest first (ties in the order they were asked), and letting the code run between wakes.
   */
  async advance(milliseconds: number): Promise<void> {
    const until = this.time + milliseconds;
    for (;;) {
      await this.settle();
      const next = this.earliest();
      if (!next || next.at > until) break;
      this.wake(next);
    }
    this.time = until;
    await this.settle();
  }

  /** Moves the clock from wait to wait until nothing waits any more (a wait without end is left). */
  async runAll(maxWakes = 100_000): Promise<void> {
    for (let wakes = 0; ; wakes++) {
      await this.settle();
      const next = this.earliest();
      if (!next || next.at === Infinity) return;
      if (wakes >= maxWakes) throw new Error(`FakeClock.runAll: still waiting after ${maxWakes} wakes (a loop that never ends?)`);
      this.wake(next);
    }
  }

  /**
   * Moves the clock from wait to wait until `promise` settles, and returns what it gives. Between
   * rounds real time gets a turn, for code that waits on real I/O (the SDK's streams, say).
   */
  async runUntil<T>(promise: Promise<T>): Promise<T> {
    let settled = false;
    const watched = promise.finally(() => {
      settled = true;
    });
    watched.catch(() => undefined);
    while (!settled) {
      await this.runAll();
      if (!settled) await realTurn(1);
    }
    return watched;
  }

  /** Lets every promise chain that can go on run to its next wait. */
  async settle(): Promise<void> {
    // A macrotask turn runs only once the microtask queue is empty; two cover a chain that
    // queues one more turn (p-queue's queueMicrotask, a resolved await inside a handler).
    await nextTurn();
    await nextTurn();
  }

  private earliest(): Sleeper | undefined {
    let best: Sleeper | undefined;
    for (const sleeper of this.sleepers) {
      if (!best || sleeper.at < best.at || (sleeper.at === best.at && sleeper.order < best.order)) best = sleeper;
    }
    return best;
  }

  private wake(sleeper: Sleeper): void {
    this.sleepers = this.sleepers.filter((other) => other !== sleeper);
    this.time = Math.max(this.time, sleeper.at);
    sleeper.wake();
  }
}
