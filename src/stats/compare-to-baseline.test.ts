import { describe, expect, it } from 'vitest';
import { compareToBaseline } from './compare-to-baseline.ts';
import { makeAttempt } from './make-attempt.ts';
import { summarize } from './summarize.ts';

const verdict = (target: string, caseId: string, passed: boolean, extra: Parameters<typeof makeAttempt>[0] = {}) =>
  makeAttempt({ target, caseId, score: { score: passed ? 1 : 0, passed, reason: '' }, costUsd: target === 'mini' ? 0.001 : 0.01, ...extra });

describe('compareToBaseline', () => {
  it('pairs the cases both targets answered and had scored, against the first target', () => {
    const records = [
      verdict('mini', 'a', true, { timing: { ttftMs: 100 }, costUsd: 0.001 }),
      verdict('big', 'a', true, { timing: { ttftMs: 300 }, costUsd: 0.01 }),
      verdict('mini', 'b', false, { timing: { ttftMs: 100 }, costUsd: 0.001 }),
      verdict('big', 'b', true, { timing: { ttftMs: 300 }, costUsd: 0.01 }),
      verdict('mini', 'c', false),
      verdict('big', 'c', false),
      // Not a pair: the baseline's rate limit is no verdict, and an unscored answer is none either.
      makeAttempt({ target: 'mini', caseId: 'd', error: { type: 'rate_limited', message: '429' }, costUsd: 0 }),
      verdict('big', 'd', true),
      makeAttempt({ target: 'mini', caseId: 'e', score: { score: 0, passed: false, unscored: true, reason: 'judge failed' }, costUsd: 0.001 }),
      verdict('big', 'e', true),
    ];
    const [comparison] = compareToBaseline(records, summarize(records));
    expect(comparison).toMatchObject({
      baselineTarget: 'mini',
      target: 'big',
      counts: { both: 1, onlyBaseline: 0, onlyOther: 1, neither: 1 },
      passRate: { pairs: 3, pValue: 1 },
      ttftP50Ratio: 3,
    });
    expect(comparison?.passRate?.difference).toBeCloseTo(1 / 3, 9);
    // mini: $0.004 over 5 requests; big: $0.05 over 5.
    expect(comparison?.costPer1kRatio).toBeCloseTo(12.5, 9);
  });

  it('pairs a case with the same case of the same dataset, never with an equal id of another dataset', () => {
    const inDataset = (dataset: string, target: string, passed: boolean) => verdict(target, 'q1', passed, { dataset });
    const records = [
      inDataset('smoke', 'mini', true),
      inDataset('smoke', 'big', false),
      inDataset('other', 'mini', false),
      inDataset('other', 'big', true),
    ];
    const [comparison] = compareToBaseline(records, summarize(records));
    // Two pairs that disagree each way: (smoke, q1) and (other, q1), not one pair of whichever came last.
    expect(comparison?.counts).toEqual({ both: 0, onlyBaseline: 1, onlyOther: 1, neither: 0 });
    expect(comparison?.passRate).toMatchObject({ pairs: 2, difference: 0 });
    // The baseline answered smoke's q1 only and the other target other's q1 only: nothing to pair.
    const apart = [inDataset('smoke', 'mini', true), inDataset('other', 'big', true)];
    expect(compareToBaseline(apart, summarize(apart))[0]?.counts).toEqual({ both: 0, onlyBaseline: 0, onlyOther: 0, neither: 0 });
  });

  it('compares nothing with one target, and leaves the pass rate out when no case pairs', () => {
    expect(compareToBaseline([verdict('only', 'a', true)], summarize([verdict('only', 'a', true)]))).toEqual([]);
    const records = [verdict('mini', 'a', true), makeAttempt({ target: 'big', caseId: 'a', error: { type: 'timeout', message: 'slow' } })];
    const [comparison] = compareToBaseline(records, summarize(records));
    expect(comparison?.passRate).toBeUndefined();
    expect(comparison?.counts).toEqual({ both: 0, onlyBaseline: 0, onlyOther: 0, neither: 0 });
  });
});
