import { describe, expect, it } from 'vitest';
import { pairedPower, pairedSampleSize } from '../gate-power.ts';
import { meanTestPower, meanTestSampleSize } from './mean-test-power.ts';
import { pairedDropPower, pairedDropSampleSize } from './paired-drop-power.ts';

describe('pairedDropPower and pairedDropSampleSize', () => {
  it("are Connor's own with no drop allowed: 436 cases for a 5-point regression at 17.7% discordant (the issue's figure)", () => {
    const input = { allowed: 0, margin: 0.05, discordantShare: 0.177, alpha: 0.05 };
    expect(pairedDropSampleSize(input)).toBe(436);
    expect(pairedDropSampleSize(input)).toBe(pairedSampleSize(0.177, 0.05, { alpha: 0.05, power: 0.8, sided: 1 }));
    for (const n of [30, 200, 436]) expect(pairedDropPower(n, input)).toBeCloseTo(pairedPower(n, 0.177, 0.05, { alpha: 0.05, sided: 1 }), 12);
  });

  it('measure power from the allowed drop, not from no change: --max-drop 5 at 60 cases and 1 in 6 discordant', () => {
    // Φ((0.05·√60 − z₀.₉₅·√(1/6 − 0.05²)) / √(1/6 − 0.10²)), evaluated independently.
    const input = { allowed: 0.05, margin: 0.05, discordantShare: 10 / 60, alpha: 0.05 };
    expect(pairedDropPower(60, input)).toBeCloseTo(0.2403202530790997, 9);
    expect(pairedDropSampleSize(input)).toBe(400);
    expect(pairedDropPower(400, input)).toBeGreaterThanOrEqual(0.8);
    expect(pairedDropPower(399, input)).toBeLessThan(0.8);
  });
});

describe('meanTestPower and meanTestSampleSize', () => {
  it('give the t approximation of the power of the one-sided t-test, and the n that reaches 80%', () => {
    // 1 − T₉(t₀.₉₅,₉ − 0.05·√10 / 0.23306863292670035), evaluated independently.
    expect(meanTestPower(10, 0.23306863292670035, 0.05, 0.05)).toBeCloseTo(0.13897292586407084, 9);
    expect(meanTestPower(1, 0.2, 0.05, 0.05)).toBeUndefined();
    const n = meanTestSampleSize(0.2, 0.05, 0.05)!;
    expect(meanTestPower(n, 0.2, 0.05, 0.05)).toBeGreaterThanOrEqual(0.8);
    expect(meanTestPower(n - 1, 0.2, 0.05, 0.05)).toBeLessThan(0.8);
  });
});
