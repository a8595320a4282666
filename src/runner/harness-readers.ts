import { availableParallelism } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { EventLoopUtilization } from 'node:perf_hooks';
import { watchEventLoopStalls } from './event-loop-stalls.ts';
import { harnessWorkers } from './harness-workers.ts';
import { eventLoopResolutionMs, harnessThresholds } from '../records/harness-thresholds.ts';

/** A thread whose busy share can be read: a worker_threads Worker. */
export type BusyReadable = {
  performance: { eventLoopUtilization(current?: EventLoopUtilization, previous?: EventLoopUtilization): EventLoopUtilization };
};

/** The main thread's event-loop delay over a span. */
export type EventLoopDelayReader = {
  /** Forgets what came before and starts sampling. */
  start(): void;
  /** The delay beyond the sampling interval, ms, since start. */
  read(): { p50: number; p99: number; max: number };
  /** Time since start spent in stalls longer than the delay threshold, ms (see watchEventLoopStalls). */
  stalledMs(): number;
  stop(): void;
};

/** What the harness monitor reads; tests give fakes. */
export type HarnessReaders = {
  /** Monotonic clock, ms. */
  now(): number;
  eventLoop: EventLoopDelayReader;
  /** CPU time of the main thread, µs (user + system). */
  threadCpuMicros(): number;
  /** CPU time of the whole process, every thread, µs. */
  processCpuMicros(): number;
  /** The cores the process may use. */
  cores: number;
  /** The transport workers alive now. */
  workers(): readonly BusyReadable[];
};

const micros = ({ user, system }: NodeJS.CpuUsage) => user + system;

/** The real readers: perf_hooks, process.threadCpuUsage (Node ≥ 23.9; else the process's), os. */
export function realHarnessReaders(): HarnessReaders {
  const threadCpu = (process as { threadCpuUsage?: () => NodeJS.CpuUsage }).threadCpuUsage?.bind(process);
  return {
    now: () => performance.now(),
    eventLoop: eventLoopDelayReader(eventLoopResolutionMs),
    threadCpuMicros: () => micros(threadCpu ? threadCpu() : process.cpuUsage()),
    processCpuMicros: () => micros(process.cpuUsage()),
    cores: availableParallelism(),
    workers: harnessWorkers,
  };
}

/**
 * monitorEventLoopDelay records the interval between its timer's runs, so an idle loop reads
 * its resolution: the delay is what exceeds it.
 */
export function eventLoopDelayReader(resolutionMs: number, stallMs: number = harnessThresholds.eventLoopDelayP99Ms): EventLoopDelayReader {
  const histogram = monitorEventLoopDelay({ resolution: resolutionMs });
  const stalls = watchEventLoopStalls(stallMs);
  const beyond = (nanoseconds: number) => Math.max(0, nanoseconds / 1e6 - resolutionMs);
  return {
    start: () => {
      histogram.disable();
      histogram.reset();
      histogram.enable();
      stalls.start();
    },
    read: () => (histogram.count === 0 ? { p50: 0, p99: 0, max: 0 } : { p50: beyond(histogram.percentile(50)), p99: beyond(histogram.percentile(99)), max: beyond(histogram.max) }),
    stalledMs: () => stalls.stalledMs(),
    stop: () => {
      histogram.disable();
      stalls.stop();
    },
  };
}
