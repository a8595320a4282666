import { describe, expect, it } from 'vitest';
import { compareToBaseline } from './compare-to-baseline.ts';
import { makeAttempt } from './make-attempt.ts';
import { summarize } from './summarize.ts';

const verdict = (target: string, caseId: string, passed: boolean, extra: Parameters<typeof makeAttempt>[0] = {}) =>
  makeAttempt({ target, caseId, score: { score: passed ? 1 : 0, passed, reason: '' }, costUsd: target === 'mini' ? 0.001 : 0.01, ...extra });

describe('compareToBaseline', () => {
  it('pairs the cases both targets were sent, counting an unanswered request as a failure', () => {
    const records = [
      verdict('mini', 'a', true, { timing: { ttftMs: 100 } }),
      verdict('big', 'a', true, { timing: { ttftMs: 300 } }),
      verdict('mini', 'b', false, { timing: { ttftMs: 100 } }),
      verdict('big', 'b', true, { timing: { ttftMs: 300 } }),
      verdict('mini', 'c', false),
      verdict('big', 'c', false),
      // The baseline's rate limit is a failure in the primary analysis, and no pair in the answered-only one.
      makeAttempt({ target: 'mini', caseId: 'd', error: { type: 'rate_limited', message: '429' }, costUsd: 0 }),
      verdict('big', 'd', true),
      // An unscored answer is neither passed nor failed: the case does not count.
      makeAttempt({ target: 'mini', caseId: 'e', score: { score: 0, passed: false, unscored: true, reason: 'judge failed' }, costUsd: 0.001 }),
      verdict('big', 'e', true),
    ];
    const [comparison] = compareToBaseline(records, summarize(records));
    expect(comparison).toMatchObject({ baseTarget: 'mini', target: 'big', cases: 5, repeats: 1 });
    // Cases a, b, c, d: mini passed 1, big 3; b and d passed only for big. Exact McNemar: 2 × ½² = 0.5.
    expect(comparison?.passRate).toMatchObject({ cases: 4, base: 0.25, current: 0.75, difference: 0.5, pValue: 0.5, verdict: 'no detectable change' });
    expect(comparison?.passRateAnswered).toMatchObject({ cases: 3, difference: 1 / 3, pValue: 1 });
    expect(comparison?.failureRate).toMatchObject({ cases: 5, difference: -0.2 });
    expect(comparison?.ttftP50.ratio).toBe(3);
    // mini: $0.004 over 5 requests; big: $0.05 over 5.
    expect(comparison?.costPerRequest.ratio).toBeCloseTo(12.5, 9);
    expect(comparison?.flips).toEqual({ worse: [], better: [{ caseId: 'b', base: 0, current: 1 }, { caseId: 'd', base: 0, current: 1 }] });
  });

  it('pairs a case with the same case of the same dataset, never with an equal id of another dataset', () => {
    const inDataset = (dataset: string, target: string, passed: boolean) => verdict(target, 'q1', passed, { dataset });
    const records = [inDataset('smoke', 'mini', true), inDataset('smoke', 'big', false), inDataset('other', 'mini', false), inDataset('other', 'big', true)];
    const [comparison] = compareToBaseline(records, summarize(records));
    // Two pairs that disagree each way: (smoke, q1) and (other, q1), not one pair of whichever came last.
    expect(comparison?.passRate).toMatchObject({ cases: 2, difference: 0, pValue: 1 });
    expect(comparison?.flips.worse).toEqual([{ dataset: 'smoke', caseId: 'q1', base: 1, current: 0 }]);
    // The baseline answered smoke's q1 only and the other target other's q1 only: nothing to pair.
    const apart = [inDataset('smoke', 'mini', true), inDataset('other', 'big', true)];
    expect(compareToBaseline(apart, summarize(apart))[0]?.passRate).toMatchObject({ cases: 0, verdict: 'not enough data' });
  });

  it('compares nothing with one target', () => {
    expect(compareToBaseline([verdict('only', 'a', true)], summarize([verdict('only', 'a', true)]))).toEqual([]);
  });

  it('with repeats, tests the per-case shares with a paired t, and calls ten lost cases of ten worse', () => {
    const records = Array.from({ length: 10 }, (_, index) => [1, 2, 3].flatMap((repeat) => [verdict('mini', `c${index}`, true, { repeat }), verdict('big', `c${index}`, repeat === 1, { repeat })])).flat();
    const [comparison] = compareToBaseline(records, summarize(records));
    expect(comparison).toMatchObject({ repeats: 3, cases: 10 });
    // Every case lost two of three repeats: the mean difference is exactly −2/3 with no spread;
    // the spread is taken as one case flipping (sd 1/√10), t = −(2/3)·10 on 9 df: clearly worse, not p = 0.
    expect(comparison?.passRate).toMatchObject({ method: 'paired t', verdict: 'worse', level: 0.95 });
    expect(comparison?.passRate.pValue).toBeGreaterThan(0);
    expect(comparison?.passRate.pValue).toBeLessThan(1e-4);
    expect(comparison!.passRate.interval!.high - comparison!.passRate.interval!.low).toBeGreaterThan(0.1);
    expect(comparison?.passRate.difference).toBeCloseTo(-2 / 3, 12);
    expect(comparison?.passRate.minimumDetectable).toBeGreaterThan(0);
    expect(comparison?.flips.worse).toHaveLength(10);
  });
});
