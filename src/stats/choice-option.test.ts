import { describe, expect, it } from 'vitest';
import { caseOutcomes } from './case-outcomes.ts';
import { choiceOption } from './choice-option.ts';
import { makeAttempt } from './make-attempt.ts';
import { proportionInterval } from './proportion-interval.ts';
import type { AttemptRecord } from '../records/attempt-record.ts';

const pair = { target: 'openai:gpt-4o-mini', prompt: 'default', simulated: false };
const passed = { score: 1, passed: true, reason: '' };
const failed = { score: 0, passed: false, reason: '' };
const timeout = { type: 'timeout' as const, message: 'timed out' };

const optionOf = (records: AttemptRecord[]) => choiceOption(pair, records, [...caseOutcomes(records).values()]);

describe('choiceOption', () => {
  it('counts an unanswered request as failed, and costs every attempt, failed ones included', () => {
    const records = [
      makeAttempt({ caseId: 'a', score: passed, costUsd: 0.001, timing: { ttftMs: 100, e2eMs: 400 } }),
      makeAttempt({ caseId: 'b', score: passed, costUsd: 0.001, timing: { ttftMs: 120, e2eMs: 420 } }),
      makeAttempt({ caseId: 'c', score: failed, costUsd: 0.001, timing: { ttftMs: 140, e2eMs: 440 } }),
      // A billed failure, then an unbilled one that ends the slot without an answer.
      makeAttempt({ caseId: 'd', final: false, error: timeout, costUsd: 0.0005 }),
      makeAttempt({ caseId: 'd', attempt: 2, error: timeout }),
    ];
    const option = optionOf(records);
    expect(option).toMatchObject({ cases: 4, repeats: 1, requests: 4, unanswered: 1, passed: 2, passRate: 0.5 });
    expect(option.passRateInterval).toEqual(proportionInterval(2, 4));
    expect(option.costUsd).toBeCloseTo(0.0035, 15);
    expect(option.costPerRequestUsd).toBeCloseTo(0.0035 / 4, 15);
    // What one right answer cost: the wrong and unanswered ones are paid for by the right ones.
    expect(option.costPerPassedUsd).toBeCloseTo(0.0035 / 2, 15);
    expect(option.ttftP50Ms).toEqual({ n: 3, estimate: undefined, needed: 6 });
  });

  it('has no cost when an answer came without one (no price), rather than a cost that understates', () => {
    const option = optionOf([makeAttempt({ caseId: 'a', score: passed, costUsd: 0.001 }), makeAttempt({ caseId: 'b', score: passed })]);
    expect(option.costUsd).toBeUndefined();
    expect(option.costPerRequestUsd).toBeUndefined();
    expect(option.costPerPassedUsd).toBeUndefined();
  });

  it('with repeats, takes the case as the unit: the mean of the cases\' pass shares, with the t interval', () => {
    // Four cases passed both repeats, five passed one of two: shares 1,1,1,1,.5,.5,.5,.5,.5.
    const records = Array.from({ length: 9 }, (_, index) => [
      makeAttempt({ caseId: `q${index}`, repeat: 1, score: passed, timing: { ttftMs: 100 + index, e2eMs: 300 + index } }),
      makeAttempt({ caseId: `q${index}`, repeat: 2, score: index < 4 ? passed : failed, timing: { ttftMs: 200 + index, e2eMs: 500 + index } }),
    ]).flat();
    const option = optionOf(records);
    const shares = [1, 1, 1, 1, 0.5, 0.5, 0.5, 0.5, 0.5];
    const mean = shares.reduce((sum, share) => sum + share, 0) / 9;
    const sd = Math.sqrt(shares.reduce((sum, share) => sum + (share - mean) ** 2, 0) / 8);
    // Student t, 0.975 quantile, 8 degrees of freedom.
    const halfWidth = (2.306004135 * sd) / 3;
    expect(option).toMatchObject({ cases: 9, repeats: 2, requests: 18, passed: 13 });
    expect(option.passRate).toBeCloseTo(mean, 12);
    expect(option.passRateInterval!.low).toBeCloseTo(mean - halfWidth, 6);
    expect(option.passRateInterval!.high).toBeCloseTo(mean + halfWidth, 6);
    // 18 answers: the median of the pooled TTFTs, with an order-statistic interval around it.
    expect(option.ttftP50Ms).toMatchObject({ n: 18, estimate: 154 });
    const ttft = option.ttftP50Ms as { low: number; high: number };
    expect(ttft.low).toBeLessThan(154);
    expect(ttft.high).toBeGreaterThan(154);
  });

  it('has no pass rate when nothing was scored', () => {
    const option = optionOf([makeAttempt({ caseId: 'a' })]);
    expect(option.passRate).toBeUndefined();
    expect(option.passRateInterval).toBeUndefined();
  });
});
