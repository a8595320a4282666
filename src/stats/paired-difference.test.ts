import { describe, expect, it } from 'vitest';
import { pairedDifference } from './paired-difference.ts';

describe('pairedDifference', () => {
  it('is narrower than separate intervals when the targets fail the same cases, and agrees with McNemar', () => {
    // 30 cases; the baseline passed 12, the other 13; they disagreed on 9.
    const result = pairedDifference({ both: 8, onlyOther: 5, onlyBaseline: 4, neither: 13 })!;
    expect(result.difference).toBeCloseTo(1 / 30, 9);
    expect(result.interval.low).toBeLessThan(0);
    expect(result.interval.high).toBeGreaterThan(result.difference);
    // 4 against 5 discordant pairs: 2 × P(X ≤ 4 | 9, ½) = 2 × 256/512, nothing to see.
    expect(result.pValue).toBeCloseTo(1, 9);
    // Outcomes that go together (hard cases fail for both) leave less doubt about the difference.
    const together = pairedDifference({ both: 12, onlyOther: 1, onlyBaseline: 0, neither: 17 })!;
    expect(together.interval.high - together.interval.low).toBeLessThan(result.interval.high - result.interval.low);
  });

  it('finds a real difference when the discordant pairs all go one way', () => {
    const result = pairedDifference({ both: 20, onlyOther: 10, onlyBaseline: 0, neither: 10 })!;
    expect(result.difference).toBeCloseTo(0.25, 6);
    expect(result.interval.low).toBeGreaterThan(0);
    // 2 × (1/2)^10
    expect(result.pValue).toBeCloseTo(2 / 1024, 9);
  });

  it('stays within −1..1 and defined at the extremes; undefined without pairs', () => {
    const all = pairedDifference({ both: 0, onlyOther: 13, onlyBaseline: 0, neither: 0 })!;
    expect(all.difference).toBe(1);
    expect(all.interval.high).toBeLessThanOrEqual(1);
    expect(all.interval.low).toBeGreaterThan(0.5);
    expect(pairedDifference({ both: 5, onlyOther: 0, onlyBaseline: 0, neither: 0 })).toMatchObject({ difference: 0, pValue: 1 });
    expect(pairedDifference({ both: 0, onlyOther: 0, onlyBaseline: 0, neither: 0 })).toBeUndefined();
    expect(pairedDifference({ both: 0, onlyOther: 1500, onlyBaseline: 1400, neither: 0 })!.pValue).toBeGreaterThan(0.05);
  });
});
