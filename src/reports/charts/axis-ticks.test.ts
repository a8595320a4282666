import { describe, expect, it } from 'vitest';
import { linearTicks, ownDecimals } from './axis-ticks.ts';

describe('linearTicks', () => {
  it('ticks at a round step with the decimals that step needs', () => {
    expect(linearTicks(1.5, 1.7, 7)).toEqual({ ticks: [1.5, 1.52, 1.54, 1.56, 1.58, 1.6, 1.62, 1.64, 1.66, 1.68, 1.7], decimals: 2 });
    expect(linearTicks(1, 3, 4)).toEqual({ ticks: [1, 1.5, 2, 2.5, 3], decimals: 1 });
    expect(linearTicks(0, 2500, 7)).toEqual({ ticks: [0, 500, 1000, 1500, 2000, 2500], decimals: 0 });
    expect(linearTicks(0, 0.0003, 7).decimals).toBe(5);
    expect(linearTicks(0.1, 0.7, 6).ticks).toEqual([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7]);
  });

  it('gives one tick to an axis of one value', () => {
    expect(linearTicks(1.5, 1.5, 7)).toEqual({ ticks: [1.5], decimals: 1 });
  });
});

describe('ownDecimals', () => {
  it('needs what three significant digits show, without trailing zeros', () => {
    expect([0.05, 20, 1.5, 3e-5, 1.534, 0].map(ownDecimals)).toEqual([2, 0, 1, 5, 2, 0]);
  });
});
