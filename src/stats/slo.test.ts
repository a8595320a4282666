import { describe, expect, it } from 'vitest';
import { InputError } from '../config/errors.ts';
import { makeAttempt } from './make-attempt.ts';
import { formatSlo, parseSlo, sloVerdict } from './slo.ts';

describe('parseSlo', () => {
  it('reads a figure, <= or <, and milliseconds', () => {
    expect(parseSlo(['ttft<=500', 'tpot < 50', 'E2E<=5000ms', 'itl<12.5'])).toEqual([
      { figure: 'ttft', inclusive: true, limitMs: 500 },
      { figure: 'tpot', inclusive: false, limitMs: 50 },
      { figure: 'e2e', inclusive: true, limitMs: 5000 },
      { figure: 'itl', inclusive: false, limitMs: 12.5 },
    ]);
    expect(formatSlo(parseSlo(['ttft<=500', 'e2e<5000']))).toBe('ttft<=500;e2e<5000');
  });

  it('refuses bad text with an InputError naming the setting and the text', () => {
    expect(() => parseSlo(['ttft>=500'])).toThrow(InputError);
    expect(() => parseSlo(['ttft<=500', 'latency<=3'])).toThrow(`--slo "latency<=3": expected FIGURE<=MS or FIGURE<MS, FIGURE one of ttft, tpot, itl, e2e`);
    expect(() => parseSlo(['ttft<=-1'], 'load.slo')).toThrow('load.slo "ttft<=-1": expected');
    expect(() => parseSlo(['ttft<=500s'])).toThrow(InputError);
  });
});

describe('sloVerdict', () => {
  const slo = parseSlo(['ttft<=100', 'e2e<1000', 'tpot<=20', 'itl<=50']);

  it('judges latency from the scheduled time when the record has it, else from the send', () => {
    const held = makeAttempt({ schedule: { scheduledMs: 0, sentMs: 80, dispatchDelayMs: 80 }, timing: { ttftMs: 40, ttftFromScheduledMs: 120, e2eMs: 500, e2eFromScheduledMs: 580 } });
    expect(sloVerdict(held, slo)).toEqual({ met: false, fromScheduled: true });
    expect(sloVerdict(makeAttempt({ timing: { ttftMs: 100, e2eMs: 999.9 } }), slo)).toEqual({ met: true, fromScheduled: false });
    // `<` is strict, `<=` is not.
    expect(sloVerdict(makeAttempt({ timing: { ttftMs: 100, e2eMs: 1000 } }), slo).met).toBe(false);
  });

  it('checks TPOT per token and ITL on the stream\'s p99 gap; an unmeasured TTFT fails, an unmeasured gap does not', () => {
    expect(sloVerdict(makeAttempt({ timing: { ttftMs: 50, e2eMs: 500, tpotMs: 20.5 } }), slo).met).toBe(false);
    expect(sloVerdict(makeAttempt({ timing: { ttftMs: 50, e2eMs: 500, interChunkP50Ms: 10, interChunkP99Ms: 51 } }), slo).met).toBe(false);
    expect(sloVerdict(makeAttempt({ timing: { e2eMs: 500 } }), slo).met).toBe(false);
    expect(sloVerdict(makeAttempt({ timing: { ttftMs: 50, e2eMs: 500 } }), slo).met).toBe(true);
  });

  it('never lets a failed attempt meet it', () => {
    expect(sloVerdict(makeAttempt({ error: { type: 'timeout', message: '' }, timing: { ttftMs: 1, e2eMs: 2 } }), slo).met).toBe(false);
  });
});
