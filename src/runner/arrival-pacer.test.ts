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
});
