import { describe, expect, it } from 'vitest';
import { caseAssertions } from './case-assertions.ts';
import { caseOutcomes } from './case-outcomes.ts';
import { caseShareRate } from './case-share-rate.ts';
import { choiceOption, missingCostReason } from './choice-option.ts';
import { makeAttempt } from './make-attempt.ts';
import { proportionInterval } from './proportion-interval.ts';
import { summarize } from './summarize.ts';
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

  it('says why a cost is missing: no price, or nothing answered', () => {
    expect(missingCostReason(optionOf([makeAttempt({ caseId: 'a', score: passed })]))).toBe('no price');
    expect(missingCostReason(optionOf([makeAttempt({ caseId: 'a', error: timeout }), makeAttempt({ caseId: 'b', error: timeout })]))).toBe('nothing answered');
  });

  it('has no cost when an answer came without one (no price), rather than a cost that understates', () => {
    const option = optionOf([makeAttempt({ caseId: 'a', score: passed, costUsd: 0.001 }), makeAttempt({ caseId: 'b', score: passed })]);
    expect(option.costUsd).toBeUndefined();
    expect(option.costPerRequestUsd).toBeUndefined();
    expect(option.costPerPassedUsd).toBeUndefined();
  });

  it('with repeats, takes the case as the unit, with the run summary\'s pass rate and interval', () => {
    // Four cases passed both repeats, five passed one of two: shares 1,1,1,1,.5,.5,.5,.5,.5.
    const records = Array.from({ length: 9 }, (_, index) => [
      makeAttempt({ caseId: `q${index}`, repeat: 1, score: passed, timing: { ttftMs: 100 + index, e2eMs: 300 + index } }),
      makeAttempt({ caseId: `q${index}`, repeat: 2, score: index < 4 ? passed : failed, timing: { ttftMs: 200 + index, e2eMs: 500 + index } }),
    ]).flat();
    const option = optionOf(records);
    const [summary] = summarize(records);
    expect(option).toMatchObject({ cases: 9, repeats: 2, requests: 18, passed: 13, passRateCases: 9 });
    expect(option.passRate).toBeCloseTo(13 / 18, 12);
    // One run, one interval: choose shows what summary.csv shows (Wilson at the effective n, inside 0..1).
    expect(option.passRateInterval).toEqual({ low: summary!.passRateCiLow, high: summary!.passRateCiHigh });
    expect(option.passRateInterval!.low).toBeCloseTo(caseShareRate([1, 1, 1, 1, 0.5, 0.5, 0.5, 0.5, 0.5], 2).interval!.low, 12);
    // 18 answers: the median of the pooled TTFTs, with an order-statistic interval around it.
    expect(option.ttftP50Ms).toMatchObject({ n: 18, estimate: 154 });
    const ttft = option.ttftP50Ms as { low: number; high: number };
    expect(ttft.low).toBeLessThan(154);
    expect(ttft.high).toBeGreaterThan(154);
  });

  it('does not shrink the interval to a point when repeats agree: every case passing thrice is 40 of 40 cases', () => {
    const records = Array.from({ length: 40 }, (_, index) => [1, 2, 3].map((repeat) => makeAttempt({ caseId: `q${index}`, repeat, score: passed }))).flat();
    const option = optionOf(records);
    expect(option.passRate).toBe(1);
    expect(option.passRateInterval).toEqual(proportionInterval(40, 40));
    expect(option.passRateInterval!.low).toBeCloseTo(0.9124, 4);
  });

  it('counts a case the target never answered as failed when the run shows it has assertions, as the summary does', () => {
    const records = [
      makeAttempt({ target: 'other', caseId: 'a', score: passed }),
      makeAttempt({ target: 'other', caseId: 'b', score: passed }),
      makeAttempt({ caseId: 'a', error: timeout }),
      makeAttempt({ caseId: 'b', error: timeout }),
    ];
    const mine = records.filter((record) => record.target === pair.target);
    // Its own records cannot tell whether the cases have assertions; the run's can.
    expect(optionOf(mine).passRate).toBeUndefined();
    const option = choiceOption(pair, mine, [...caseOutcomes(mine).values()], caseAssertions(records));
    expect(option).toMatchObject({ passRate: 0, passRateCases: 2 });
  });

  it('has no pass rate when nothing was scored', () => {
    const option = optionOf([makeAttempt({ caseId: 'a' })]);
    expect(option.passRate).toBeUndefined();
    expect(option.passRateInterval).toBeUndefined();
  });
});
