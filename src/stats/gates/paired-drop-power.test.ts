import { describe, expect, it } from 'vitest';
import { pairedPower, pairedSampleSize } from '../gate-power.ts';
import { meanTestPower, meanTestSampleSize } from './mean-test-power.ts';
import { pairedDropPower, pairedDropSampleSize } from './paired-drop-power.ts';

describe('pairedDropPower and pairedDropSampleSize', () => {
  it("are McNemar's exact power with no drop allowed: 470 cases for a 5-point regression at 17.7% discordant, where Connor's 436 give 77.1%", () => {
    // Σ_d Binom(d; n, ψ)·P(Binomial(d, (ψ + δ)/2ψ) ≥ c_d), c_d the exact one-sided critical count, summed independently (scipy).
    const input = { allowed: 0, margin: 0.05, discordantShare: 0.177, alpha: 0.05 };
    expect(pairedDropPower(469, input)).toBeCloseTo(0.7996388121849707, 10);
    expect(pairedDropPower(470, input)).toBeCloseTo(0.8004489306060347, 10);
    expect(pairedDropSampleSize(input)).toBe(470);
    expect(pairedSampleSize(0.177, 0.05, { alpha: 0.05, power: 0.8, sided: 1 })).toBe(436);
    expect(pairedDropPower(436, input)).toBeLessThan(0.772);
  });

  it('size mid-p McNemar by its own exact power, which Connor overstates less: 434 cases', () => {
    const input = { allowed: 0, margin: 0.05, discordantShare: 0.177, alpha: 0.05, midP: true };
    expect(pairedDropPower(433, input)).toBeCloseTo(0.799465635201017, 10);
    expect(pairedDropPower(434, input)).toBeCloseTo(0.8002770476959488, 10);
    expect(pairedDropSampleSize(input)).toBe(434);
  });

  it('search down from the approximation when it asks too many, at few pairs too: a 30-point drop at half discordant needs 37', () => {
    const input = { allowed: 0, margin: 0.3, discordantShare: 0.5, alpha: 0.05 };
    expect(pairedDropPower(36, input)).toBeCloseTo(0.799569702814645, 10);
    expect(pairedDropPower(37, input)).toBeCloseTo(0.8110396898826122, 10);
    expect(pairedDropSampleSize(input)).toBe(37);
  });

  it("keep Connor's approximation past 10,000 pairs", () => {
    const input = { allowed: 0, margin: 0.01, discordantShare: 0.3, alpha: 0.05 };
    const n = pairedDropSampleSize(input)!;
    expect(n).toBe(pairedSampleSize(0.3, 0.01, { alpha: 0.05, power: 0.8, sided: 1 }));
    expect(n).toBeGreaterThan(10_000);
    expect(pairedDropPower(n, input)).toBeCloseTo(pairedPower(n, 0.3, 0.01, { alpha: 0.05, sided: 1 }), 12);
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
