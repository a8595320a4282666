import { describe, expect, it } from 'vitest';
import { createDispatchLateness } from './dispatch-lateness.ts';

describe('createDispatchLateness', () => {
  it('has no figures before any scheduled request (a closed-loop run)', () => {
    expect(createDispatchLateness().figures()).toBeUndefined();
  });

  it('counts requests sent more than 10 ms late, and the delays\' median and p99', () => {
    const lateness = createDispatchLateness();
    for (let index = 0; index < 90; index++) lateness.add(2);
    for (let index = 0; index < 10; index++) lateness.add(40);
    lateness.add(10); // at the threshold: on time
    lateness.add(-0.5); // early: no delay
    lateness.add(Number.NaN); // not a figure: left out
    const figures = lateness.figures()!;
    expect(figures.n).toBe(102);
    expect(figures.lateShare).toBeCloseTo(10 / 102, 6);
    expect(figures.delayP50Ms).toBeCloseTo(2, 1);
    expect(figures.delayP99Ms).toBeCloseTo(40, 0);
  });

  it('stays constant in memory: a million delays are counted, not kept', () => {
    const lateness = createDispatchLateness();
    for (let index = 0; index < 1_000_000; index++) lateness.add(index % 100 === 0 ? 25 : 1);
    expect(lateness.figures()).toMatchObject({ n: 1_000_000, lateShare: 0.01 });
  });
});
