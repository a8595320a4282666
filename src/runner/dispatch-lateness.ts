import { createHistogram } from 'node:perf_hooks';
import type { HarnessCheck } from '../records/harness-check.ts';
import { harnessThresholds } from '../records/harness-thresholds.ts';

export type DispatchLateness = {
  /** One request's delay between its scheduled time and its send, ms. */
  add(delayMs: number): void;
  /** The figures so far; undefined when no request had a schedule (a closed-loop run). */
  figures(): HarnessCheck['dispatch'];
};

/**
 * How late the open loop's requests were sent, in constant memory whatever the run's length: an
 * HDR histogram of the delays (in µs, 3 significant digits) and a count of the late ones.
 */
export function createDispatchLateness(lateMs: number = harnessThresholds.lateDispatchMs): DispatchLateness {
  const histogram = createHistogram();
  let late = 0;
  return {
    add: (delayMs) => {
      if (!Number.isFinite(delayMs)) return;
      if (delayMs > lateMs) late += 1;
      // Early or on time is 0 late; the histogram takes integers from 1.
      histogram.record(Math.max(1, Math.round(delayMs * 1000)));
    },
    figures: () => {
      const n = histogram.count;
      if (n === 0) return undefined;
      const delay = (percentile: number) => (histogram.percentile(percentile) <= 1 ? 0 : histogram.percentile(percentile) / 1000);
      return { lateShare: late / n, delayP50Ms: delay(50), delayP99Ms: delay(99), n };
    },
  };
}
