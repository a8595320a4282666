import { describe, expect, it } from 'vitest';
import { harnessVerdict, type HarnessFigures } from './harness-verdict.ts';

const calm: HarnessFigures = {
  seconds: 10,
  eventLoopDelayMs: { p50: 0.1, p99: 3, max: 12 },
  mainThreadCpu: 0.4,
  workerCpu: [0.2],
  processCpu: 0.3,
};

describe('harnessVerdict', () => {
  it('is not saturated below every threshold, at them, or with no dispatch figures', () => {
    expect(harnessVerdict(calm)).toEqual({ saturated: false, reasons: [] });
    const atThresholds = { ...calm, eventLoopDelayMs: { p50: 1, p99: 20, max: 80 }, mainThreadCpu: 0.9, workerCpu: [0.9], processCpu: 0.9, dispatch: { lateShare: 0.05, delayP50Ms: 1, delayP99Ms: 30, n: 100 } };
    expect(harnessVerdict(atThresholds)).toEqual({ saturated: false, reasons: [] });
  });

  it('names each figure past its threshold with the threshold', () => {
    const verdict = harnessVerdict({
      ...calm,
      eventLoopDelayMs: { p50: 2, p99: 48.4, max: 70 },
      mainThreadCpu: 0.97,
      workerCpu: [0.95, 0.5],
      processCpu: 0.93,
      dispatch: { lateShare: 0.12, delayP50Ms: 3, delayP99Ms: 40, n: 200 },
    });
    expect(verdict.saturated).toBe(true);
    expect(verdict.reasons).toEqual([
      'event-loop delay p99 48 ms > 20 ms',
      'main thread CPU 97% of a core > 90%',
      'transport worker 1 busy 95% > 90%',
      'process CPU 93% of all cores > 90%',
      '12% of requests sent more than 10 ms late > 5%',
    ]);
  });

  it('takes one reason alone: a busy single worker, or late dispatch only', () => {
    expect(harnessVerdict({ ...calm, workerCpu: [0.99] }).reasons).toEqual(['transport worker busy 99% > 90%']);
    expect(harnessVerdict({ ...calm, dispatch: { lateShare: 0.2, delayP50Ms: 12, delayP99Ms: 50, n: 50 } }).reasons).toEqual(['20% of requests sent more than 10 ms late > 5%']);
  });

  it('counts the time of long stalls, which the delay\'s p99 counts as one sample each', () => {
    expect(harnessVerdict({ ...calm, eventLoopStalledShare: 0.1 }).reasons).toEqual([]);
    expect(harnessVerdict({ ...calm, mainThreadCpu: 0.95, eventLoopStalledShare: 0.87 }).reasons).toEqual(['event-loop stalls over 20 ms 87% of the time > 10%', 'main thread CPU 95% of a core > 90%']);
    expect(harnessVerdict({ ...calm, eventLoopDelayMs: { p50: 1, p99: 61, max: 19_700 }, mainThreadCpu: 0.15, eventLoopStalledShare: 0.87 }).reasons).toEqual([
      'event-loop delay p99 61 ms > 20 ms',
      'event-loop stalls over 20 ms 87% of the time > 10%, while the main thread used 15% of a core: it waited for a CPU (a busy machine)',
    ]);
  });

  it('says when a late event loop was waiting for a core: a busy machine rather than busy work', () => {
    expect(harnessVerdict({ ...calm, eventLoopDelayMs: { p50: 0.1, p99: 649, max: 2020 }, mainThreadCpu: 0.094 }).reasons).toEqual([
      'event-loop delay p99 649 ms > 20 ms, while the main thread used 9% of a core: it waited for a CPU (a busy machine)',
    ]);
  });

  it('does not call a short run saturated for one late request: at least 5 must be late', () => {
    const late = (n: number, lateShare: number) => harnessVerdict({ ...calm, dispatch: { lateShare, delayP50Ms: 1, delayP99Ms: 22, n } });
    expect(late(13, 1 / 13).saturated).toBe(false);
    expect(late(13, 4 / 13).saturated).toBe(false);
    expect(late(50, 5 / 50).reasons).toEqual(['10% of requests sent more than 10 ms late > 5%']);
  });

  it('reads its thresholds from the table it is given', () => {
    expect(harnessVerdict({ ...calm, mainThreadCpu: 0.6 }, { eventLoopDelayP99Ms: 2, eventLoopStalledShare: 0.1, mainThreadCpu: 0.9, workerBusy: 0.9, processCpu: 0.9, lateDispatchMs: 10, lateShare: 0.05, lateMinimum: 5 }).reasons).toEqual([
      'event-loop delay p99 3.0 ms > 2 ms',
    ]);
  });
});
