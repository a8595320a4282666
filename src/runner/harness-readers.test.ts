import { describe, expect, it } from 'vitest';
import { eventLoopDelayReader, realHarnessReaders } from './harness-readers.ts';

describe('eventLoopDelayReader', () => {
  it('reads nothing before its first sample, and a 60 ms block as a delay of at least 50 ms', async () => {
    const reader = eventLoopDelayReader(2);
    reader.start();
    expect(reader.read()).toEqual({ p50: 0, p99: 0, max: 0 });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const until = performance.now() + 60;
    while (performance.now() < until) {
      // The event loop is held, as a slow custom scorer would hold it.
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
    const figures = reader.read();
    reader.stop();
    expect(figures.max).toBeGreaterThanOrEqual(50);
    expect(figures.p50).toBeLessThanOrEqual(figures.p99);
    expect(figures.p99).toBeLessThanOrEqual(figures.max);
  });
});

describe('realHarnessReaders', () => {
  it('reads this thread\'s and the process\'s CPU as growing counters, and the cores', () => {
    const readers = realHarnessReaders();
    const [thread, process] = [readers.threadCpuMicros(), readers.processCpuMicros()];
    const until = performance.now() + 30;
    while (performance.now() < until) {
      // Spend CPU.
    }
    expect(readers.threadCpuMicros()).toBeGreaterThan(thread);
    expect(readers.processCpuMicros()).toBeGreaterThan(process);
    expect(readers.processCpuMicros()).toBeGreaterThanOrEqual(readers.threadCpuMicros());
    expect(readers.cores).toBeGreaterThanOrEqual(1);
    readers.eventLoop.stop();
  });
});
