import type { AttemptRecord } from '../records/attempt-record.ts';
import type { HarnessCheck } from '../records/harness-check.ts';
import { createDispatchLateness } from './dispatch-lateness.ts';
import { realHarnessReaders, type BusyReadable, type HarnessReaders } from './harness-readers.ts';
import { harnessVerdict } from './harness-verdict.ts';

export type HarnessMonitor = {
  /** Starts the measured span again (after the warm-ups). */
  restart(): void;
  /** Each delivered record: its schedule feeds the dispatch figures. */
  onRecord(record: AttemptRecord): void;
  /** Ends the check and returns its figures and verdict. */
  stop(): HarnessCheck;
};

export type HarnessMonitorOptions = {
  /**
   * An open-loop run (--rate): records' dispatch delays say how late the harness sent requests
   * against their schedule, and judge the run. Closed loop, a slot's "schedule" is when it got
   * its place, so its delay is no lateness: left out.
   */
  openLoop?: boolean;
};

/**
 * Watches the harness itself during a run: the main thread's event-loop delay and CPU, each
 * transport worker's busy share, the process's CPU over every core, and (open loop) how late
 * requests were sent. Figures cover the span from the last restart to stop; memory stays
 * constant whatever the number of records. See harnessThresholds for the verdict.
 */
export function startHarnessMonitor(options: HarnessMonitorOptions = {}, readers: HarnessReaders = realHarnessReaders()): HarnessMonitor {
  let span = begin(readers);
  let dispatch = createDispatchLateness();
  return {
    restart: () => {
      span = begin(readers);
      dispatch = createDispatchLateness();
    },
    onRecord: (record) => {
      const delay = options.openLoop ? harnessDelayOf(record) : undefined;
      if (delay !== undefined) dispatch.add(delay);
    },
    stop: () => {
      const wallMs = readers.now() - span.at;
      const wallMicros = Math.max(1, wallMs * 1000);
      const eventLoopDelayMs = readers.eventLoop.read();
      const eventLoopStalledShare = readers.eventLoop.stalledMs() / Math.max(1, wallMs);
      readers.eventLoop.stop();
      const lateness = dispatch.figures();
      const figures = {
        seconds: wallMs / 1000,
        eventLoopDelayMs,
        eventLoopStalledShare,
        mainThreadCpu: (readers.threadCpuMicros() - span.threadCpu) / wallMicros,
        workerCpu: readers.workers().map((worker) => busyShare(worker, span.workers.get(worker))).sort((a, b) => b - a),
        processCpu: (readers.processCpuMicros() - span.processCpu) / wallMicros / Math.max(1, readers.cores),
        ...(lateness ? { dispatch: lateness } : {}),
      };
      return { ...figures, ...harnessVerdict(figures) };
    },
  };
}

/**
 * How long the harness itself took to send an attempt: from its place under the concurrency caps
 * to the wire. A cap's wait is the user's setting, not the harness's limit; a retry keeps its
 * slot's scheduled time, so without its place its delay would count the attempts before it.
 */
function harnessDelayOf({ schedule, attempt }: AttemptRecord): number | undefined {
  if (schedule?.sentMs === undefined) return undefined;
  if (schedule.placedMs !== undefined) return schedule.sentMs - schedule.placedMs;
  return attempt === 1 ? schedule.dispatchDelayMs : undefined;
}

type Span = { at: number; threadCpu: number; processCpu: number; workers: Map<BusyReadable, ReturnType<BusyReadable['performance']['eventLoopUtilization']>> };

function begin(readers: HarnessReaders): Span {
  readers.eventLoop.start();
  return {
    at: readers.now(),
    threadCpu: readers.threadCpuMicros(),
    processCpu: readers.processCpuMicros(),
    workers: new Map(readers.workers().map((worker) => [worker, worker.performance.eventLoopUtilization()])),
  };
}

/** A worker's busy share since the span began, or since it started when it came later. */
function busyShare(worker: BusyReadable, atStart: ReturnType<BusyReadable['performance']['eventLoopUtilization']> | undefined): number {
  const now = worker.performance.eventLoopUtilization();
  const utilization = atStart ? worker.performance.eventLoopUtilization(now, atStart).utilization : now.utilization;
  return Number.isFinite(utilization) ? utilization : 0;
}
