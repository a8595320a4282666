import { describe, expect, it } from 'vitest';
import { estimateColumns, tally, verdict } from './estimate.ts';
import { exactMcNemarAlarms } from './false-alarms.ts';

describe("the exact A/A false-alarm rate of McNemar's test", () => {
  it('is 2/2⁶ with 6 discordant cases (only 0 or 6 of 6 on one side gives p = 2/64 < 0.05), and 0 with 5 (p = 2/32)', () => {
    expect(exactMcNemarAlarms(6, 1, false)).toBeCloseTo(2 / 64, 14);
    expect(exactMcNemarAlarms(5, 1, false)).toBe(0);
  });

  it('with mid-p rejects 0 of 5 (p = 2·(1/32 − 1/64) = 1/32) but not 1 of 5 (p = 7/32)', () => {
    expect(exactMcNemarAlarms(5, 1, true)).toBeCloseTo(2 / 32, 14);
  });

  it('mixes over the number of discordant cases: 6 cases each discordant with probability ½', () => {
    // Only d = 6 can reject: P(d = 6) = 2⁻⁶.
    expect(exactMcNemarAlarms(6, 0.5, false)).toBeCloseTo((1 / 64) * (2 / 64), 14);
  });
});

describe('a row of the calibration tables', () => {
  it('is decided by the exact figure when there is one, by the estimate otherwise', () => {
    const value = { ...tally(), hits: 70, trials: 1000 };
    expect(estimateColumns(value, { high: 5.5 }, 'false alarms')).toMatchObject({ 'false alarms': '7.00%', 'sims': '1000', result: 'MISS', target: '≤ 5.5%' });
    expect(estimateColumns(value, { high: 5.5 }, 'false alarms', 0.05)).toMatchObject({ exact: '5.00%', result: 'PASS' });
    expect(estimateColumns(value, { high: 5.5 }, 'false alarms', null)).toMatchObject({ exact: '', result: 'MISS' });
    // √(0.07 · 0.93 / 1000) = 0.807 points.
    expect(estimateColumns(value, { high: 5.5 })['± MC se']).toBe('0.81');
  });

  it('meets a range target at its ends, and misses outside it', () => {
    expect(verdict(4, { low: 4, high: 5.5 })).toBe('PASS');
    expect(verdict(5.5, { low: 4, high: 5.5 })).toBe('PASS');
    expect(verdict(3.99, { low: 4, high: 5.5 })).toBe('MISS');
    expect(verdict(95, { low: 95 })).toBe('PASS');
  });
});
