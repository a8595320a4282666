/**
 * The harness's check on itself during a run (see src/runner/harness-monitor.ts): how late its
 * main event loop ran and how busy its threads were, so that no one mistakes the harness's limit
 * for the provider's. Kept in run.json and shown by every report.
 */
export type HarnessCheck = {
  /** Seconds the check covered (the measured part of the run, warm-up excluded). */
  seconds: number;
  /** The main thread's event-loop delay (monitorEventLoopDelay), ms. */
  eventLoopDelayMs: { p50: number; p99: number; max: number };
  /** Share of the span the event loop was held more than 20 ms at a stretch (a p99 counts a long stall once). */
  eventLoopStalledShare?: number;
  /** Share of one core the main thread used (CPU time / wall time), 0..1+. */
  mainThreadCpu: number;
  /** Share of one core each transport worker used, busiest first, 0..1. */
  workerCpu: number[];
  /** Share of the machine's cores the whole process used (process.cpuUsage), 0..1. */
  processCpu: number;
  /** True when any reason below holds: figures of the run may show the harness's limit. */
  saturated: boolean;
  /** Why, each with the figure and the threshold it passed, e.g. "event-loop delay p99 48 ms > 20 ms". */
  reasons: string[];
  /** Open loop: the share of requests sent more than 10 ms after their scheduled time, and the median delay. */
  dispatch?: { lateShare: number; delayP50Ms: number; delayP99Ms: number; n: number };
};
