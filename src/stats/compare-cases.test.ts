import { describe, expect, it } from 'vitest';
import type { CasePair, PairComparison, RateChange } from './case-comparison.ts';
import type { CaseOutcome } from './case-outcomes.ts';
import { adjustForMultipleComparisons, compareCases } from './compare-cases.ts';
import { exactPairedPower } from './gate-power.ts';
import { pairedProportionTest } from './paired-proportion-test.ts';

const outcome = (key: string, verdicts: boolean[]): CaseOutcome => {
  const passed = verdicts.filter(Boolean).length;
  return { key, caseId: key, slots: verdicts.length, answered: verdicts.length, scored: verdicts.length, passed, unscored: 0, ttftMs: [100], e2eMs: [200], outputTps: [50], costUsd: 0.001, verdicts };
};

/** n cases of one repeat: the first `lost` passed only in the base, the next `gained` only now, the rest passed twice. */
const casePairs = (n: number, lost: number, gained: number): CasePair[] =>
  Array.from({ length: n }, (_, index) => {
    const key = `c${index}`;
    const base = index >= lost && index < lost + gained ? false : true;
    const current = index < lost ? false : true;
    return { key, caseId: key, base: outcome(key, [base]), current: outcome(key, [current]) };
  });

const compare = (target: string, pairs: CasePair[]): PairComparison =>
  compareCases({ target, prompt: 'default', baseTarget: 'base', basePrompt: 'default' }, pairs, { resamples: 20 });

const excludesZero = (change: RateChange) => change.interval!.low > 0 || change.interval!.high < 0;

describe('compareCases', () => {
  it('shows the one-repeat interval as Tango’s, at its level, with a smallest detectable change even for A/A', () => {
    const comparison = compare('t', casePairs(60, 10, 0));
    const test = pairedProportionTest({ both: 50, onlyBaseline: 10, onlyOther: 0, neither: 0 })!;
    expect(comparison.passRate).toMatchObject({ method: 'exact McNemar', level: 0.95, verdict: 'worse', interval: test.interval });
    // A/A at 13 cases, no discordant case: the change this n could detect is still stated.
    const aa = compare('t', casePairs(13, 0, 0)).passRate;
    expect(aa).toMatchObject({ difference: 0, pValue: 1, verdict: 'no detectable change' });
    expect(aa.minimumDetectable).toBeGreaterThan(0.3);
    expect(aa.minimumDetectable).toBeLessThan(1);
  });

  it('states a smallest detectable change the exact test reaches with at least 80% power', () => {
    // 200 cases, 30 discordant (15 each way): sized on the exact test, not Connor's normal formula.
    const change = compare('t', casePairs(200, 15, 15)).passRate;
    const detectable = change.minimumDetectable!;
    expect(exactPairedPower(200, 0.15, detectable, { sided: 2 })).toBeGreaterThanOrEqual(0.8);
    expect(exactPairedPower(200, 0.15, detectable - 0.002, { sided: 2 })).toBeLessThan(0.8);
  });

  it('with repeats and no case moving: an interval wider than a point, p = 1, and a smallest detectable change', () => {
    const pairs = Array.from({ length: 13 }, (_, index) => ({ key: `c${index}`, caseId: `c${index}`, base: outcome(`c${index}`, [true, true, false]), current: outcome(`c${index}`, [true, true, false]) }));
    const change = compare('t', pairs).passRate;
    expect(change).toMatchObject({ method: 'paired t', difference: 0, pValue: 1, verdict: 'no detectable change' });
    expect(change.interval!.high).toBeGreaterThan(0.15);
    expect(change.minimumDetectable).toBeGreaterThan(0);
    // Two cases that each lost one of three repeats: p well above α, the t interval (±6) clipped to ±1.
    const two = [0, 1].map((index) => ({ key: `c${index}`, caseId: `c${index}`, base: outcome(`c${index}`, [true, true, true]), current: outcome(`c${index}`, [true, true, false]) }));
    const small = compare('t', two).passRate;
    expect(small.pValue).toBeGreaterThan(0.5);
    expect(small.interval).toEqual({ low: -1, high: 1 });
  });

  it('compares 100,000 paired cases without overflowing the stack', () => {
    const pairs = casePairs(100_000, 10_000, 0);
    const comparison = compare('t', pairs);
    expect(comparison).toMatchObject({ cases: 100_000, repeats: 1 });
    expect(comparison.passRate.verdict).toBe('worse');
    expect(comparison.passRate.difference).toBeCloseTo(-0.1, 12);
  }, 60_000);
});

describe('adjustForMultipleComparisons', () => {
  it('recomputes each interval at its Holm step, so a rejected comparison’s interval excludes 0 at that level', () => {
    // Raw exact p: 2/1024, 2/128, 2/64; steps α/3, α/2, α: all three rejected.
    const comparisons = adjustForMultipleComparisons([compare('a', casePairs(60, 10, 0)), compare('b', casePairs(60, 7, 0)), compare('c', casePairs(60, 6, 0))]);
    expect(comparisons.map((comparison) => comparison.passRate.level)).toEqual([1 - 0.05 / 3, 1 - 0.05 / 2, 0.95]);
    for (const comparison of comparisons) {
      expect(comparison.passRate.verdict).toBe('worse');
      expect(excludesZero(comparison.passRate)).toBe(true);
    }
    // At 98.3% the first comparison's interval is wider than its unadjusted 95% one.
    const alone = compare('a', casePairs(60, 10, 0)).passRate.interval!;
    expect(comparisons[0]!.passRate.interval!.low).toBeLessThan(alone.low);
    expect(comparisons[0]!.passRate.interval!.high).toBeGreaterThan(alone.high);
  });

  it('never shows an interval that excludes 0 beside "no detectable change": two targets that each lost 6 of 13', () => {
    // The adversarial report: −46.2 [−46.2, −3.8] with adjusted p 0.063 and "no change".
    const comparisons = adjustForMultipleComparisons([compare('mini', casePairs(13, 6, 0)), compare('big', casePairs(13, 6, 0))]);
    for (const comparison of comparisons) {
      expect(comparison.passRate.adjustedPValue).toBeCloseTo(0.0625, 12);
      expect(comparison.passRate.verdict).toBe('no detectable change');
      expect(excludesZero(comparison.passRate)).toBe(false);
      // Tied p-values share the first step's level: the same counts show the same interval.
      expect(comparison.passRate.level).toBe(0.975);
    }
    expect(comparisons[0]!.passRate.interval).toEqual(comparisons[1]!.passRate.interval);
  });

  it('stops at the first step that does not reject, and widens the later intervals to 0', () => {
    // p 2/64 = 0.031 (not < α/2) then 20/512 = 0.039: the second would reject at its own step α,
    // and its 95% interval excludes 0, but Holm stops at the first.
    const second = compare('second', casePairs(60, 8, 1));
    expect(excludesZero(second.passRate)).toBe(true);
    const [first, adjusted] = adjustForMultipleComparisons([compare('first', casePairs(60, 6, 0)), second]);
    expect(first!.passRate.verdict).toBe('no detectable change');
    expect(adjusted!.passRate).toMatchObject({ verdict: 'no detectable change', level: 0.95 });
    expect(adjusted!.passRate.interval!.high).toBe(0);
    expect(adjusted!.passRate.adjustedPValue).toBeCloseTo(2 / 32, 12);
  });

  it('keeps verdict and interval in agreement over many random families', () => {
    let rejected = 0;
    let kept = 0;
    for (let family = 0; family < 40; family++) {
      const comparisons = adjustForMultipleComparisons(
        Array.from({ length: 2 + (family % 3) }, (_, index) => compare(`t${index}`, casePairs(40, (family * 7 + index * 3) % 9, (family + index) % 3))),
      );
      for (const comparison of comparisons) {
        const shown = excludesZero(comparison.passRate);
        expect(shown).toBe(comparison.passRate.verdict !== 'no detectable change');
        expect(shown).toBe(comparison.passRate.adjustedPValue! < 0.05);
        if (shown) rejected++;
        else kept++;
      }
    }
    expect(rejected).toBeGreaterThan(5);
    expect(kept).toBeGreaterThan(5);
  });
});
