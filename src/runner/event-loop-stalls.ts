/** What the stall watch needs of a timer; tests give a fake. */
export type IntervalTimer = {
  every(ms: number, tick: () => void): { stop(): void };
};

const realTimer: IntervalTimer = {
  every: (ms, tick) => {
    const timer = setInterval(tick, ms);
    // It measures the run; it does not keep the process alive.
    timer.unref();
    return { stop: () => clearInterval(timer) };
  },
};

export type EventLoopStalls = {
  /** Forgets what came before and starts watching. */
  start(): void;
  /** Milliseconds since start during which the loop was held longer than the stall threshold at a stretch. */
  stalledMs(): number;
  stop(): void;
};

/**
 * Time the main event loop spent in stalls longer than `stallMs`, summed: a timer every
 * `everyMs` that runs late by more than `stallMs` adds its lateness. The delay histogram counts
 * a stall of 20 s as one sample among thousands, so its p99 can miss a loop held for most of the
 * run by one long burst of work (a slow scorer run on a batch of answers); the sum cannot.
 */
export function watchEventLoopStalls(stallMs: number, options: { everyMs?: number; now?: () => number; timer?: IntervalTimer } = {}): EventLoopStalls {
  const everyMs = options.everyMs ?? 10;
  const now = options.now ?? (() => performance.now());
  const timer = options.timer ?? realTimer;
  let running: { stop(): void } | undefined;
  let last = 0;
  let stalled = 0;
  const tick = () => {
    const at = now();
    const late = at - last - everyMs;
    if (late > stallMs) stalled += late;
    last = at;
  };
  return {
    start: () => {
      running?.stop();
      stalled = 0;
      last = now();
      running = timer.every(everyMs, tick);
    },
    // Read in the very turn that held the loop (a run's last scorings, then its end), the tick it
    // kept waiting has not run: its lateness so far counts.
    stalledMs: () => {
      const pending = running ? now() - last - everyMs : 0;
      return stalled + (pending > stallMs ? pending : 0);
    },
    stop: () => {
      running?.stop();
      running = undefined;
    },
  };
}
