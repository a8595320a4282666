import { describe, expect, it } from 'vitest';
import { ArrivalPacer } from './arrival-pacer.ts';

describe('ArrivalPacer', () => {
  it('spaces starts 1/rate apart from the first, and never makes up for lost time with a burst', () => {
    let now = 1000;
    const pacer = new ArrivalPacer(50, () => now);
    expect([pacer.reserve(), pacer.reserve(), pacer.reserve()]).toEqual([0, 20, 40]);
    // Slots that ask late (everything in flight was slow) start at once, then 20 ms apart again.
    now = 2000;
    expect([pacer.reserve(), pacer.reserve()]).toEqual([0, 20]);
  });

  it('hands out waits longer than one timer holds at the slowest --rate, for the sleep to take in steps, and refuses no rate at all', () => {
    const pacer = new ArrivalPacer(0.001, () => 0);
    const waits = Array.from({ length: 3000 }, () => pacer.reserve());
    expect(waits.at(-1)).toBe(2999 * 1_000_000);
    expect(() => new ArrivalPacer(0)).toThrow(RangeError);
    expect(() => new ArrivalPacer(Number.NaN)).toThrow(RangeError);
    expect(() => new ArrivalPacer(Infinity)).toThrow(RangeError);
  });
});
