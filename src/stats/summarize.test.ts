import { describe, expect, it } from 'vitest';
import { makeAttempt } from './make-attempt.ts';
import { caseAssertions } from './case-assertions.ts';
import { summarizeTarget } from './summarize-target.ts';
import { summarize } from './summarize.ts';
import { caseKey } from '../records/case-key.ts';

const rateLimited = { type: 'rate_limited', message: '429 Too Many Requests', httpStatus: 429 } as const;
const timeout = { type: 'timeout', message: 'no first byte within 30000 ms' } as const;
const serverError = { type: 'server_error', message: '500', httpStatus: 500 } as const;
const usage = (inputTokens: number, outputTokens: number, estimated = false) => ({ inputTokens, outputTokens, estimated });

/** Four slots: one recovered by a retry, one right first time, one that timed out twice, one unscored. */
const mixed = [
  makeAttempt({ caseId: 'c1', attempt: 1, final: false, error: rateLimited, timing: { ttftMs: 5, e2eMs: 6 } }),
  makeAttempt({
    caseId: 'c1', attempt: 2, timing: { ttftMs: 100, e2eMs: 1000, outputTps: 50, interChunkP50Ms: 10 },
    usage: usage(10, 20), costUsd: 0.001, score: { score: 1, passed: true, reason: 'equal' },
  }),
  makeAttempt({
    caseId: 'c2', timing: { ttftMs: 200, e2eMs: 2000, outputTps: 30, interChunkP50Ms: 20 },
    usage: usage(10, 40), costUsd: 0.002, score: { score: 0, passed: false, reason: 'different' },
  }),
  makeAttempt({ caseId: 'c3', attempt: 1, final: false, error: timeout }),
  // A failed attempt that was billed still costs money.
  makeAttempt({ caseId: 'c3', attempt: 2, error: timeout, costUsd: 0.0005 }),
  makeAttempt({
    caseId: 'c4', timing: { ttftMs: 300, e2eMs: 3000, outputTps: 40, interChunkP50Ms: 30 },
    usage: usage(10, 0, true), costUsd: 0.003,
  }),
];

describe('summarize', () => {
  it('counts slots, final and first-attempt success, and errors of the slots that failed', () => {
    const [summary] = summarize(mixed);
    expect(summary).toMatchObject({
      target: 'openai:gpt-4o-mini', prompt: 'default',
      requests: 4, ok: 3, successRate: 0.75, firstAttemptSuccessRate: 0.5,
      attempts: 6, unanswered: 1, errorCounts: { timeout: 1 },
    });
  });

  it('computes timing over successful attempts only, and gives no percentile the sample cannot bound', () => {
    const [summary] = summarize(mixed);
    // TTFT [100, 200, 300] (the failed 5 ms left out): a mean, but too few for any percentile's interval.
    expect(summary).toMatchObject({ ttftMeanMs: 200, outputTpsMean: 40, ttftP50Ms: undefined, ttftP90Ms: undefined, ttftP99Ms: undefined, e2eP50Ms: undefined, outputTpsP50: undefined });
    expect(summary?.percentiles).toMatchObject({
      ttftP50Ms: { n: 3, estimate: undefined, needed: 6 },
      ttftP90Ms: { n: 3, estimate: undefined, needed: 36 },
      ttftP99Ms: { n: 3, estimate: undefined, needed: 368 },
      outputTpsP50: { n: 3, estimate: undefined, needed: 6 },
      interChunkP50Ms: { n: 3, estimate: undefined, needed: 6 },
    });
  });

  it('bounds a percentile by order statistics: the median of 13 lies between the 3rd and the 11th', () => {
    // B ~ Binomial(13, 1/2): P(B <= 2) = 92/8192 = 0.0112 <= 0.025 < P(B <= 3) = 378/8192, and by
    // symmetry P(B >= 11) = 0.0112: ranks 3 and 11. A p99 needs 368 samples, a p90 36.
    const ttft = Array.from({ length: 13 }, (_, index) => (13 - index) * 10);
    const [summary] = summarize(ttft.map((ttftMs, index) => makeAttempt({ caseId: `c${index}`, timing: { ttftMs, e2eMs: ttftMs * 2 } })));
    expect(summary?.percentiles.ttftP50Ms).toEqual({ n: 13, estimate: 70, low: 30, high: 110 });
    expect(summary?.percentiles.e2eP50Ms).toEqual({ n: 13, estimate: 140, low: 60, high: 220 });
    expect(summary?.percentiles.ttftP90Ms).toEqual({ n: 13, estimate: undefined, needed: 36 });
    expect(summary?.percentiles.ttftP99Ms).toEqual({ n: 13, estimate: undefined, needed: 368 });
    expect(summary).toMatchObject({ ttftP50Ms: 70, ttftP90Ms: undefined, ttftP99Ms: undefined, e2eP50Ms: 140 });
    // No sample at all is no figure, not a sample size.
    expect(summary?.percentiles.outputTpsP50).toBeUndefined();
  });

  it('adds up usage and cost over every attempt, billed failures included', () => {
    const [summary] = summarize(mixed);
    expect(summary).toMatchObject({ inputTokensTotal: 30, outputTokensTotal: 60, tokensEstimated: true });
    expect(summary?.costUsdTotal).toBeCloseTo(0.0065, 12);
    expect(summary?.costPer1kRequestsUsd).toBeCloseTo(1.625, 9);
  });

  it('counts an unanswered case as failed, leaves out a case with no assertions, and gives answered-only beside it', () => {
    const [summary] = summarize(mixed);
    // c1 passed, c2 failed, c3 timed out (failed), c4 has no assertions (answered, no score).
    expect(summary).toMatchObject({ scored: 2, passed: 1, scoreMean: 0.5, passRate: 1 / 3, passRateCases: 3, passRateAnswered: 0.5, repeats: 1 });
    // Wilson 1 of 3 and 1 of 2, by hand: center (p + z²/2n)/(1 + z²/n), half-width z·√(p(1−p)/n + z²/4n²)/(1 + z²/n).
    expect(summary?.passRateCiLow).toBeCloseTo(0.0614919, 6);
    expect(summary?.passRateCiHigh).toBeCloseTo(0.7923404, 6);
    expect(summary?.passRateAnsweredCiLow).toBeCloseTo(0.0945312, 6);
    expect(summary?.passRateAnsweredCiHigh).toBeCloseTo(0.9054688, 6);
    // One repeat: pass@k and pass^k are the pass rate, so they are left out.
    expect(summary).toMatchObject({ passAtK: undefined, passAllK: undefined, flakyCases: [] });
  });

  it('reads 60% with 35 timeouts of 100 and 60 of the 65 answers passing, not 92.3%', () => {
    const records = Array.from({ length: 100 }, (_, index) =>
      index < 35
        ? makeAttempt({ caseId: `c${index}`, error: timeout })
        : makeAttempt({ caseId: `c${index}`, score: { score: index < 40 ? 0 : 1, passed: index >= 40, reason: '' } }),
    );
    const [summary] = summarize(records);
    expect(summary).toMatchObject({ passRate: 0.6, passRateCases: 100, scored: 65, passed: 60, successRate: 0.65 });
    // The same with what the whole run knows: nobody answered the 35, so nothing shows they lack assertions.
    expect(summarizeTarget(summary!.target, 'default', records, 100, caseAssertions(records))).toMatchObject({ passRate: 0.6, passRateCases: 100 });
    expect(summary?.passRateAnswered).toBeCloseTo(60 / 65, 12);
    expect(summary?.passRateCiLow).toBeCloseTo(0.5020026, 6);
    expect(summary?.passRateCiHigh).toBeCloseTo(0.6905987, 6);
    expect(summary?.passRateAnsweredCiLow).toBeCloseTo(0.8322407, 6);
    expect(summary?.passRateAnsweredCiHigh).toBeCloseTo(0.9666965, 6);
  });

  it('with repeats, makes the case the unit: the mean of case shares with its interval at the effective number of cases, pass@k, pass^k and the flaky cases', () => {
    const pass = { score: 1, passed: true, reason: '' };
    const fail = { score: 0, passed: false, reason: '' };
    const repeatsOf = (caseId: string, outcomes: Array<'pass' | 'fail' | 'timeout'>) =>
      outcomes.map((outcome, index) => makeAttempt({ dataset: 'smoke', caseId, repeat: index + 1, ...(outcome === 'timeout' ? { error: timeout } : { score: outcome === 'pass' ? pass : fail }) }));
    const [summary] = summarize([
      ...repeatsOf('q1', ['pass', 'pass', 'pass']),
      ...repeatsOf('q2', ['pass', 'fail', 'pass']),
      ...repeatsOf('q3', ['pass', 'timeout', 'timeout']),
      ...repeatsOf('q4', ['pass', 'pass', 'pass']),
    ]);
    expect(summary).toMatchObject({ requests: 12, cases: 4, repeats: 3, passRate: 0.75, passRateCases: 4, scored: 10, passed: 9 });
    // Shares 1, 2/3, 1/3, 1: sd 0.3191424, t(0.975, 3) = 3.182446 (scipy), so 2.7929705 effective
    // cases (p(1 − p)/se² · (z/t)²), and Wilson at that n.
    expect(summary?.passRateCiLow).toBeCloseTo(0.2453565, 6);
    expect(summary?.passRateCiHigh).toBeCloseTo(0.9651341, 6);
    // Answered only, q3 passed its one answer: shares 1, 2/3, 1, 1.
    expect(summary?.passRateAnswered).toBeCloseTo(11 / 12, 12);
    expect(summary?.passRateAnsweredCiLow).toBeCloseTo(0.4403242, 6);
    expect(summary?.passRateAnsweredCiHigh).toBeCloseTo(0.9935399, 6);
    // Success per case: 1, 1, 1/3, 1.
    expect(summary?.successRate).toBeCloseTo(10 / 12, 12);
    expect(summary?.successRateCiLow).toBeCloseTo(0.2323015, 6);
    expect(summary?.successRateCiHigh).toBeCloseTo(0.9880410, 6);
    // pass@3: every case passed once, Wilson 4 of 4; pass^3: q1 and q4, Wilson 2 of 4.
    expect(summary).toMatchObject({ passAtK: 1, passAtKCiHigh: 1, passAllK: 0.5 });
    expect(summary?.passAtKCiLow).toBeCloseTo(0.5101092, 6);
    expect(summary?.passAllKCiLow).toBeCloseTo(0.1500390, 6);
    expect(summary?.passAllKCiHigh).toBeCloseTo(0.8499610, 6);
    // q2's answers passed and failed; q3 passed once and timed out once: flaky too, as pass@k
    // counts it and pass^k does not.
    expect(summary?.flakyCases).toEqual(['smoke/q2', 'smoke/q3']);
  });

  it('leaves out a repeat a judge could not decide, and a case whose every repeat was undecided', () => {
    const unscored = { score: 0, passed: false, reason: 'no judge', unscored: true as const };
    const [summary] = summarize([
      makeAttempt({ caseId: 'q1', repeat: 1, score: { score: 1, passed: true, reason: '' } }),
      makeAttempt({ caseId: 'q1', repeat: 2, score: unscored }),
      makeAttempt({ caseId: 'q2', repeat: 1, score: unscored }),
      makeAttempt({ caseId: 'q2', repeat: 2, score: unscored }),
    ]);
    expect(summary).toMatchObject({ passRate: 1, passRateCases: 1, repeats: 2, passAtK: 1, passAllK: 1, flakyCases: [] });
  });

  it('counts a case a target never answered as failed when the run shows it has assertions', () => {
    const records = [
      makeAttempt({ target: 'a', caseId: 'q1', score: { score: 1, passed: true, reason: '' } }),
      makeAttempt({ target: 'a', caseId: 'q2' }),
      makeAttempt({ target: 'down', caseId: 'q1', error: serverError }),
      makeAttempt({ target: 'down', caseId: 'q2', error: serverError }),
    ];
    const down = records.filter((record) => record.target === 'down');
    // Alone, nothing shows that down's cases have assertions.
    expect(summarizeTarget('down', 'default', down, 2).passRate).toBeUndefined();
    // q1 has (a's answer was scored), q2 has none (a's answer was not): 0 of 1.
    expect(summarizeTarget('down', 'default', down, 2, caseAssertions(records))).toMatchObject({ passRate: 0, passRateCases: 1, passRateCiLow: 0 });
  });

  it('leaves the cost unknown when a successful attempt has no price, never 0', () => {
    const [summary] = summarize([
      makeAttempt({ caseId: 'c1', costUsd: 0.01 }),
      makeAttempt({ caseId: 'c2' }),
    ]);
    expect(summary?.costUsdTotal).toBeUndefined();
    expect(summary?.costPer1kRequestsUsd).toBeUndefined();
    expect(summary?.inputTokensTotal).toBeUndefined();
  });

  it('gives "no data" rather than NaN for a target where everything failed', () => {
    const [summary] = summarize([
      makeAttempt({ caseId: 'c1', error: serverError }),
      makeAttempt({ caseId: 'c2', error: serverError }),
    ]);
    expect(summary).toMatchObject({
      requests: 2, ok: 0, successRate: 0, firstAttemptSuccessRate: 0, unanswered: 2, errorCounts: { server_error: 2 },
      ttftP50Ms: undefined, e2eP50Ms: undefined, outputTpsMean: undefined, costUsdTotal: undefined,
      scored: 0, scoreMean: undefined, passRate: undefined, passRateCiLow: undefined,
    });
    expect(Object.values(summary ?? {}).some((value) => Number.isNaN(value))).toBe(false);
  });

  it('keeps one summary per (target, prompt) in first-seen order', () => {
    const summaries = summarize([
      makeAttempt({ target: 'b', prompt: 'default' }),
      makeAttempt({ target: 'a', prompt: 'terse' }),
      makeAttempt({ target: 'b', prompt: 'default', caseId: 'c2' }),
      makeAttempt({ target: 'a', prompt: 'default' }),
    ]);
    expect(summaries.map(({ target, prompt, requests }) => [target, prompt, requests])).toEqual([
      ['b', 'default', 2], ['a', 'terse', 1], ['a', 'default', 1],
    ]);
  });

  it('counts repeats as separate slots and decides an unfinished slot by its latest attempt', () => {
    const [summary] = summarize([
      makeAttempt({ repeat: 1 }),
      makeAttempt({ repeat: 2, attempt: 1, final: false, error: rateLimited }),
    ]);
    expect(summary).toMatchObject({ requests: 2, ok: 1, unanswered: 1, errorCounts: { rate_limited: 1 } });
  });

  it('counts the same case id in two datasets as two cases, each decided by its own attempts', () => {
    const [summary] = summarize([
      makeAttempt({ dataset: 'smoke', caseId: 'q1', score: { score: 1, passed: true, reason: '' } }),
      makeAttempt({ dataset: 'other', caseId: 'q1', attempt: 1, final: false, error: rateLimited }),
      makeAttempt({ dataset: 'other', caseId: 'q1', attempt: 2, score: { score: 0, passed: false, reason: '' } }),
      makeAttempt({ dataset: 'third', caseId: 'q1', error: serverError }),
    ]);
    expect(summary).toMatchObject({
      requests: 3, ok: 2, attempts: 4, unanswered: 1, firstAttemptSuccessRate: 1 / 3, errorCounts: { server_error: 1 },
      scored: 2, passed: 1, passRate: 1 / 3, passRateCases: 3,
    });
  });

  it('returns nothing for no records', () => {
    expect(summarize([])).toEqual([]);
  });

  it('with the plan, gives every planned target a row, counting the slots a stop left unsent', () => {
    const summaries = summarize([makeAttempt({ caseId: 'a' }), makeAttempt({ caseId: 'b', error: serverError })], [
      { target: 'other', prompt: 'default', slots: 3 },
      { target: makeAttempt({}).target, prompt: 'default', slots: 5 },
    ]);
    expect(summaries.map((summary) => summary.target)).toEqual(['other', makeAttempt({}).target]);
    // Nothing sent to `other` (a budget too small for one request): no data, never NaN or 0%.
    expect(summaries[0]).toMatchObject({ requests: 0, notSent: 3, successRate: undefined, firstAttemptSuccessRate: undefined, ttftP50Ms: undefined });
    expect(summaries[1]).toMatchObject({ requests: 2, notSent: 3, ok: 1, successRate: 0.5 });
  });

  it("counts a case its dataset gives assertions as failed when no request of the whole run was answered", () => {
    const down = [makeAttempt({ target: 'down', caseId: 'q1', error: timeout }), makeAttempt({ target: 'down', caseId: 'q2', error: timeout })];
    // From the records alone nothing tells that the cases are scored: no pass rate.
    expect(summarize(down)[0]!.passRate).toBeUndefined();
    const [summary] = summarize(down, undefined, { assertions: new Map([[caseKey({ caseId: 'q1' }), true], [caseKey({ caseId: 'q2' }), true]]) });
    expect(summary).toMatchObject({ passRate: 0, passRateCases: 2, passRateAnswered: undefined });
  });
});
