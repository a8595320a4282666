/**
 * When the harness calls itself saturated (see harnessVerdict): past any one of these, a run's
 * figures may show the harness's own limit rather than the provider's. Every threshold in one
 * place; README's "Is the harness the bottleneck?" lists them.
 */
export const harnessThresholds = {
  /**
   * The main thread's event-loop delay, p99, ms: past it, answers were parsed, scored and
   * stamped late (the SDK engine reads each streamed part on this thread).
   */
  eventLoopDelayP99Ms: 20,
  /**
   * The share of the measured span the main event loop spent in stalls longer than
   * eventLoopDelayP99Ms: the delay's p99 counts one long stall as one sample, this counts its time.
   */
  eventLoopStalledShare: 0.1,
  /** The main thread's CPU, as a share of one core. */
  mainThreadCpu: 0.9,
  /** A transport worker's busy share (its event-loop utilisation). */
  workerBusy: 0.9,
  /** The whole process's CPU, as a share of all the machine's cores. */
  processCpu: 0.9,
  /**
   * Open loop: a request the harness sent more than this many ms after its scheduled time (or,
   * under a concurrency cap, after the cap gave it its place) is late...
   */
  lateDispatchMs: 10,
  /** ...and more than this share of late requests saturates the run... */
  lateShare: 0.05,
  /**
   * ...when at least this many were late: one request of a short run (its first connection's
   * set-up, say) is not a harness at its limit.
   */
  lateMinimum: 5,
} as const;

/** How often the event-loop delay is sampled, ms (monitorEventLoopDelay's resolution; its default, 10, is too coarse for a 20 ms threshold). */
export const eventLoopResolutionMs = 2;
