import { describe, expect, it } from 'vitest';
import { holmAdjust } from './holm.ts';

describe('holmAdjust', () => {
  it('adjusts a hand example, in the input order', () => {
    // Sorted: 0.01·4 = 0.04, 0.02·3 = 0.06, 0.03·2 = 0.06, 0.04·1 = 0.04 → monotone 0.06.
    const adjusted = holmAdjust([0.03, 0.01, 0.04, 0.02]);
    expect(adjusted[0]).toBeCloseTo(0.06, 15);
    expect(adjusted[1]).toBeCloseTo(0.04, 15);
    expect(adjusted[2]).toBeCloseTo(0.06, 15);
    expect(adjusted[3]).toBeCloseTo(0.06, 15);
  });

  it('multiplies the i-th smallest by m − i + 1 when that is already monotone', () => {
    // 0.001·5, 0.015·4, 0.04·3, 0.2·2, 0.6·1 = 0.005, 0.06, 0.12, 0.4, 0.6.
    const adjusted = holmAdjust([0.001, 0.2, 0.015, 0.6, 0.04]);
    [0.005, 0.4, 0.06, 0.6, 0.12].forEach((expected, index) => expect(adjusted[index]).toBeCloseTo(expected, 15));
  });

  it('caps at 1 and keeps one p as it is', () => {
    expect(holmAdjust([0.5, 0.6, 0.7])).toEqual([1, 1, 1]);
    expect(holmAdjust([0.03])).toEqual([0.03]);
    expect(holmAdjust([])).toEqual([]);
  });

  it('refuses a p outside 0..1', () => {
    expect(() => holmAdjust([0.1, Number.NaN])).toThrow('Expected every p-value to be from 0 to 1, got `NaN` (number)');
  });
});
