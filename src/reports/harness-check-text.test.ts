import { describe, expect, it } from 'vitest';
import type { HarnessCheck } from '../records/harness-check.ts';
import { harnessFiguresText, harnessSaturatedText } from './harness-check-text.ts';

const calm: HarnessCheck = {
  seconds: 12.4,
  eventLoopDelayMs: { p50: 0.12, p99: 3.06, max: 12.4 },
  mainThreadCpu: 0.412,
  workerCpu: [0.2],
  processCpu: 0.3,
  saturated: false,
  reasons: [],
};

describe('harness check text', () => {
  it('says nothing loud for a run that was not saturated, and lists its figures', () => {
    expect(harnessSaturatedText(calm)).toBeUndefined();
    expect(harnessSaturatedText(undefined)).toBeUndefined();
    expect(harnessFiguresText(calm)).toBe('event-loop delay p99 3.1 ms (p50 0.1, max 12) · main thread CPU 41% of a core · transport worker busy 20% · process CPU 30% of all cores · over 12 s');
  });

  it('gives a saturated run\'s reasons, and its dispatch figures and workers when it has them', () => {
    const saturated: HarnessCheck = {
      ...calm,
      seconds: 3.25,
      workerCpu: [0.95, 0.1],
      saturated: true,
      reasons: ['event-loop delay p99 61 ms > 20 ms', 'transport worker 1 busy 95% > 90%'],
      dispatch: { lateShare: 0.125, delayP50Ms: 2, delayP99Ms: 40.2, n: 200 },
    };
    expect(harnessSaturatedText(saturated)).toBe(
      "HARNESS SATURATED: event-loop delay p99 61 ms > 20 ms; transport worker 1 busy 95% > 90%. These figures may show the harness's own limit (or a busy machine's), not the provider's: lower --concurrency or --rate, make slow custom scorers faster, or split the load with --shard.",
    );
    expect(harnessFiguresText(saturated)).toBe(
      'event-loop delay p99 3.1 ms (p50 0.1, max 12) · main thread CPU 41% of a core · 2 transport workers busy 95%, 10% · process CPU 30% of all cores · 13% of 200 requests sent more than 10 ms late (delay p50 2.0 ms, p99 40 ms) · over 3.3 s',
    );
  });

  it('survives a run.json edited by hand: missing or wrong figures read as ?', () => {
    const edited = { seconds: 'long', eventLoopDelayMs: undefined, mainThreadCpu: null, processCpu: 0.5, saturated: true, reasons: 'not a list' } as unknown as HarnessCheck;
    expect(harnessFiguresText(edited)).toBe('event-loop delay p99 ? ms (p50 ?, max ?) · main thread CPU ? of a core · process CPU 50% of all cores · over ? s');
    expect(harnessSaturatedText(edited)).toMatch(/^HARNESS SATURATED: see run\.json\. /);
  });
});
