import type { HarnessCheck } from '../records/harness-check.ts';
import { harnessThresholds } from '../records/harness-thresholds.ts';

export type HarnessFigures = Omit<HarnessCheck, 'saturated' | 'reasons'> & {
  /** The share of the span the event loop spent in stalls longer than the delay threshold (see watchEventLoopStalls). */
  eventLoopStalledShare?: number;
};

type Thresholds = { [Name in keyof typeof harnessThresholds]: number };

/** Below this share of a core, a late event loop is put down to the machine, not to the harness's own work. */
const waitingThreadCpu = 0.5;

/**
 * Whether the harness was saturated, and why: each reason names the figure and the threshold it
 * passed, e.g. `event-loop delay p99 48 ms > 20 ms`.
 */
export function harnessVerdict(figures: HarnessFigures, thresholds: Thresholds = harnessThresholds): Pick<HarnessCheck, 'saturated' | 'reasons'> {
  const reasons: string[] = [];
  const { eventLoopDelayMs, eventLoopStalledShare = 0, mainThreadCpu, workerCpu, processCpu, dispatch } = figures;
  const late = [
    ...(eventLoopDelayMs.p99 > thresholds.eventLoopDelayP99Ms ? [`event-loop delay p99 ${milliseconds(eventLoopDelayMs.p99)} ms > ${thresholds.eventLoopDelayP99Ms} ms`] : []),
    ...(eventLoopStalledShare > thresholds.eventLoopStalledShare
      ? [`event-loop stalls over ${thresholds.eventLoopDelayP99Ms} ms ${share(eventLoopStalledShare)} of the time > ${share(thresholds.eventLoopStalledShare)}`]
      : []),
  ];
  // A late loop on a thread that hardly worked was waiting for a core: what to mend is the machine's load.
  if (late.length > 0 && mainThreadCpu < waitingThreadCpu) late[late.length - 1] += `, while the main thread used ${share(mainThreadCpu)} of a core: it waited for a CPU (a busy machine)`;
  reasons.push(...late);
  if (mainThreadCpu > thresholds.mainThreadCpu) reasons.push(`main thread CPU ${share(mainThreadCpu)} of a core > ${share(thresholds.mainThreadCpu)}`);
  workerCpu.forEach((busy, index) => {
    if (busy > thresholds.workerBusy) reasons.push(`transport worker ${workerCpu.length > 1 ? `${index + 1} ` : ''}busy ${share(busy)} > ${share(thresholds.workerBusy)}`);
  });
  if (processCpu > thresholds.processCpu) reasons.push(`process CPU ${share(processCpu)} of all cores > ${share(thresholds.processCpu)}`);
  if (dispatch && dispatch.n > 0 && dispatch.lateShare > thresholds.lateShare && Math.round(dispatch.lateShare * dispatch.n) >= thresholds.lateMinimum) {
    reasons.push(`${share(dispatch.lateShare)} of requests sent more than ${thresholds.lateDispatchMs} ms late > ${share(thresholds.lateShare)}`);
  }
  return { saturated: reasons.length > 0, reasons };
}

/** `48`, `2.4`, `0.6`: whole ms from 10 up, one decimal below. */
export const milliseconds = (value: number) => (value >= 10 ? Math.round(value).toString() : value.toFixed(1));

/** `93%`. */
export const share = (value: number) => `${Math.round(value * 100)}%`;
