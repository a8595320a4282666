import type { EventLoopUtilization } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import type { AttemptRecord } from '../records/attempt-record.ts';
import { startHarnessMonitor } from './harness-monitor.ts';
import type { BusyReadable, HarnessReaders } from './harness-readers.ts';

/** A worker whose event loop has been active `active` ms of `total`, moved on by the test. */
function fakeWorker() {
  const clock = { active: 0, idle: 0 };
  const worker: BusyReadable = {
    performance: {
      eventLoopUtilization: (current?: EventLoopUtilization, previous?: EventLoopUtilization) => {
        const now = current ?? { active: clock.active, idle: clock.idle, utilization: clock.active / Math.max(1, clock.active + clock.idle) };
        if (!previous) return now;
        const active = now.active - previous.active;
        const idle = now.idle - previous.idle;
        return { active, idle, utilization: active / Math.max(1, active + idle) };
      },
    },
  };
  return { worker, run: (active: number, idle: number) => ((clock.active += active), (clock.idle += idle)) };
}

/** Readers whose clock, CPU counters, event-loop figures and workers the test sets. */
function fakeReaders() {
  const state = { now: 0, thread: 0, process: 0, starts: 0, stopped: false, delay: { p50: 0, p99: 0, max: 0 }, stalledMs: 0, workers: [] as BusyReadable[] };
  const readers: HarnessReaders = {
    now: () => state.now,
    eventLoop: { start: () => void state.starts++, read: () => state.delay, stalledMs: () => state.stalledMs, stop: () => void (state.stopped = true) },
    threadCpuMicros: () => state.thread,
    processCpuMicros: () => state.process,
    cores: 2,
    workers: () => state.workers,
  };
  return { state, readers };
}

const scheduled = (dispatchDelayMs: number, more: { placedMs?: number; attempt?: number } = {}) =>
  ({ attempt: more.attempt ?? 1, schedule: { scheduledMs: 0, sentMs: dispatchDelayMs, dispatchDelayMs, ...(more.placedMs !== undefined ? { placedMs: more.placedMs } : {}) } }) as unknown as AttemptRecord;

describe('startHarnessMonitor', () => {
  it('measures from the last restart: the warm-ups\' CPU and the workers\' earlier work are left out', () => {
    const { state, readers } = fakeReaders();
    const transport = fakeWorker();
    state.workers = [transport.worker];
    const monitor = startHarnessMonitor({}, readers);
    // Warm-ups: busy, then the measured span starts.
    state.now = 5000;
    state.thread = 5_000_000;
    state.process = 9_000_000;
    transport.run(5000, 0);
    monitor.restart();
    // 10 s measured: 3 s of main-thread CPU, 6 s of the process's (over 2 cores), the worker busy 2 s of 10.
    state.now = 15_000;
    state.thread += 3_000_000;
    state.process += 6_000_000;
    transport.run(2000, 8000);
    state.delay = { p50: 0.2, p99: 4, max: 9 };
    const check = monitor.stop();
    expect(check).toEqual({
      seconds: 10,
      eventLoopDelayMs: { p50: 0.2, p99: 4, max: 9 },
      eventLoopStalledShare: 0,
      mainThreadCpu: 0.3,
      workerCpu: [0.2],
      processCpu: 0.3,
      saturated: false,
      reasons: [],
    });
    expect(state.starts).toBe(2);
    expect(state.stopped).toBe(true);
  });

  it('is saturated by a late event loop, a busy main thread, and a busy worker; workers busiest first', () => {
    const { state, readers } = fakeReaders();
    const calm = fakeWorker();
    const busy = fakeWorker();
    state.workers = [calm.worker];
    const monitor = startHarnessMonitor({}, readers);
    // A worker that started after the span began counts from its own start.
    state.workers = [calm.worker, busy.worker];
    state.now = 2000;
    state.thread = 1_960_000;
    state.process = 2_500_000;
    calm.run(100, 1900);
    busy.run(1900, 100);
    state.delay = { p50: 30, p99: 61, max: 64 };
    const check = monitor.stop();
    expect(check.workerCpu).toEqual([0.95, 0.05]);
    expect(check.mainThreadCpu).toBeCloseTo(0.98, 6);
    expect(check.saturated).toBe(true);
    expect(check.reasons).toEqual(['event-loop delay p99 61 ms > 20 ms', 'main thread CPU 98% of a core > 90%', 'transport worker 1 busy 95% > 90%']);
  });

  it('is saturated by an event loop held most of the run in one long stall, which the delay\'s p99 misses', () => {
    const { state, readers } = fakeReaders();
    const monitor = startHarnessMonitor({}, readers);
    state.now = 20_000;
    state.thread = 19_000_000;
    state.delay = { p50: 0.1, p99: 1.5, max: 17_000 };
    state.stalledMs = 17_000;
    const check = monitor.stop();
    expect(check.saturated).toBe(true);
    expect(check.reasons).toEqual(['event-loop stalls over 20 ms 85% of the time > 10%', 'main thread CPU 95% of a core > 90%']);
    // Kept in run.json with its figures: the reason alone would not say how much.
    expect(check.eventLoopStalledShare).toBeCloseTo(0.85, 2);
  });

  it('takes dispatch lateness from the records\' schedules since the restart, open loop only', () => {
    const { state, readers } = fakeReaders();
    const monitor = startHarnessMonitor({ openLoop: true }, readers);
    monitor.onRecord(scheduled(500)); // a warm-up: forgotten at the restart
    monitor.restart();
    monitor.onRecord({ status: 'ok' } as unknown as AttemptRecord);
    for (let index = 0; index < 18; index++) monitor.onRecord(scheduled(1));
    monitor.onRecord(scheduled(30));
    monitor.onRecord(scheduled(45));
    for (let index = 0; index < 3; index++) monitor.onRecord(scheduled(20));
    // A concurrency cap held these 200 ms, the harness sent them 1 ms after their place: not late.
    for (let index = 0; index < 10; index++) monitor.onRecord(scheduled(201, { placedMs: 200 }));
    // A retry keeps its slot's schedule: without its place, its delay counts the attempt before it.
    monitor.onRecord(scheduled(900, { attempt: 2 }));
    monitor.onRecord(scheduled(930, { attempt: 2, placedMs: 900 }));
    state.now = 1000;
    const check = monitor.stop();
    expect(check.dispatch).toMatchObject({ n: 34, lateShare: 6 / 34 });
    expect(check.reasons).toEqual(['18% of requests sent more than 10 ms late > 5%']);
    expect(check.dispatch!.delayP99Ms).toBeCloseTo(45, 0);

    // Closed loop, a slot's schedule is when it got its place: its delay is no lateness.
    const closed = startHarnessMonitor({}, fakeReaders().readers);
    for (let index = 0; index < 10; index++) closed.onRecord(scheduled(80));
    expect(closed.stop()).not.toHaveProperty('dispatch');
  });
});
