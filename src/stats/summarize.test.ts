import { describe, expect, it } from 'vitest';
import { makeAttempt } from './make-attempt.ts';
import { summarize } from './summarize.ts';

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

  it('computes timing over successful attempts only', () => {
    const [summary] = summarize(mixed);
    // TTFT [100, 200, 300]: p90 at rank 1.8 = 280, p99 at rank 1.98 = 298; the failed 5 ms is left out.
    expect(summary).toMatchObject({
      ttftP50Ms: 200, ttftMeanMs: 200, e2eP50Ms: 2000, outputTpsP50: 40, outputTpsMean: 40, interChunkP50Ms: 20,
    });
    expect(summary?.ttftP90Ms).toBeCloseTo(280, 9);
    expect(summary?.ttftP99Ms).toBeCloseTo(298, 9);
    expect(summary?.e2eP90Ms).toBeCloseTo(2800, 9);
    expect(summary?.e2eP99Ms).toBeCloseTo(2980, 9);
  });

  it('adds up usage and cost over every attempt, billed failures included', () => {
    const [summary] = summarize(mixed);
    expect(summary).toMatchObject({ inputTokensTotal: 30, outputTokensTotal: 60, tokensEstimated: true });
    expect(summary?.costUsdTotal).toBeCloseTo(0.0065, 12);
    expect(summary?.costPer1kRequestsUsd).toBeCloseTo(1.625, 9);
  });

  it('scores answered slots only: the timed-out slot is not a wrong answer', () => {
    const [summary] = summarize(mixed);
    expect(summary).toMatchObject({ scored: 2, passed: 1, scoreMean: 0.5, passRate: 0.5 });
    expect(summary?.passRateCiLow).toBeCloseTo(0.094531, 6);
    expect(summary?.passRateCiHigh).toBeCloseTo(0.905469, 6);
    expect(summary?.successRateCiLow).toBeLessThan(0.75);
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
      scored: 2, passed: 1,
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
});
