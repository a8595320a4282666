import { describe, expect, it } from 'vitest';
import type { AttemptRecord } from '../records/attempt-record.ts';
import { makeAttempt } from './make-attempt.ts';
import { parseSlo } from './slo.ts';
import { createSummaryAccumulator } from './summary-accumulator.ts';
import { summarize } from './summarize.ts';

const rateLimited = { type: 'rate_limited', message: '429' } as const;
const timeout = { type: 'timeout', message: 'no first byte' } as const;

/**
 * An open-loop run of 7 slots, due every 100 ms and sent 0, 2, …, 12 ms late. c1's first attempt
 * was rate limited and its retry answered; c6 timed out. The answered ones' TTFT from the
 * scheduled time: 10, 22, 34, 46, 58, 70 ms.
 */
function openLoop(): AttemptRecord[] {
  const records: AttemptRecord[] = [];
  for (let index = 0; index < 7; index++) {
    const delay = 2 * index;
    const schedule = { scheduledMs: 100 * index, sentMs: 100 * index + delay, dispatchDelayMs: delay };
    const timing = {
      ttftMs: 10 + 10 * index, ttftFromScheduledMs: 10 + 12 * index, e2eMs: 100 + 10 * index, e2eFromScheduledMs: 100 + 12 * index,
      tpotMs: index + 1, interChunkP50Ms: 2 * (index + 1), interChunkP99Ms: 3 * (index + 1), tokensPerChunk: 1 + Math.floor(index / 2),
    };
    if (index === 1) {
      records.push(makeAttempt({ caseId: 'c1', attempt: 1, final: false, error: rateLimited, schedule, timing: {} }));
      // The retry keeps its slot's scheduled time; it was sent long after.
      records.push(makeAttempt({ caseId: 'c1', attempt: 2, schedule: { scheduledMs: 100, sentMs: 400, dispatchDelayMs: 300 }, timing }));
    } else if (index === 6) {
      records.push(makeAttempt({ caseId: 'c6', error: timeout, schedule, timing: {} }));
    } else {
      records.push(makeAttempt({ caseId: `c${index}`, schedule, timing }));
    }
  }
  return records;
}

describe('load figures', () => {
  it('gives latency from the scheduled time, the dispatch delay of first attempts and the rate achieved', () => {
    const [summary] = summarize(openLoop());
    // Six answered: the median of 10, 22, 34, 46, 58, 70 is 40, bracketed by the extremes at n = 6.
    expect(summary?.percentiles.ttftFromScheduledP50Ms).toEqual({ n: 6, estimate: 40, low: 10, high: 70 });
    expect(summary).toMatchObject({ ttftFromScheduledP50Ms: 40, ttftFromScheduledP99Ms: undefined, e2eFromScheduledP50Ms: 130 });
    expect(summary?.percentiles.ttftFromScheduledP99Ms).toEqual({ n: 6, estimate: undefined, needed: 368 });
    // First attempts only (the retry's 300 ms is its back-off): 0, 2, …, 12, median 6.
    expect(summary?.percentiles.dispatchDelayP50Ms).toEqual({ n: 7, estimate: 6, low: 0, high: 12 });
    // 7 first sends from 0 to 612 ms: 6 intervals over 0.612 s.
    expect(summary?.achievedRps).toBeCloseTo(6000 / 612, 12);
  });

  it('gives TPOT per token, ITL per chunk and tokens per chunk over answered attempts', () => {
    const [summary] = summarize(openLoop());
    expect(summary).toMatchObject({ tpotP50Ms: 3.5, itlChunkP50Ms: 7, interChunkP50Ms: 7, tokensPerChunkMean: 2 });
    expect(summary?.percentiles.itlChunkP99Ms).toEqual({ n: 6, estimate: undefined, needed: 368 });
  });

  it('counts goodput over slots: a retried slot once by its answer, a failed slot as missing the SLO', () => {
    const [summary] = summarize(openLoop(), undefined, { slo: parseSlo(['ttft<=45']) });
    // c0, c1 (its retry, judged from the scheduled time: 22 ms) and c2 meet it; c3–c5 are late; c6 failed.
    expect(summary).toMatchObject({ slo: 'ttft<=45', goodput: 3 / 7, goodputCases: 7, goodputMet: 3, goodputLatencyFrom: 'scheduled' });
    // Wilson 3 of 7, the case the unit (one repeat each).
    expect(summary?.goodputCiLow).toBeCloseTo(0.1582199, 6);
    expect(summary?.goodputCiHigh).toBeCloseTo(0.7495416, 6);
    expect(summary?.goodputRps).toBeCloseTo((6000 / 612) * (3 / 7), 12);
    // From the send, c3's 40 ms TTFT would have met it: the scheduled time is what counts when known.
    expect(summarize(openLoop(), undefined, { slo: parseSlo(['ttft<=40']) })[0]?.goodputMet).toBe(3);
  });

  it('makes the case the unit of goodput with repeats', () => {
    const repeat = (caseId: string, repeat: number, ttftMs: number) => makeAttempt({ caseId, repeat, timing: { ttftMs, e2eMs: 2 * ttftMs } });
    const [summary] = summarize([repeat('q1', 1, 10), repeat('q1', 2, 10), repeat('q2', 1, 10), repeat('q2', 2, 900)], undefined, { slo: parseSlo(['ttft<100']) });
    // Shares 1 and 1/2: a mean of 0.75 over 2 cases, though 3 of 4 requests met it too.
    expect(summary).toMatchObject({ goodput: 0.75, goodputCases: 2, goodputMet: 3, goodputLatencyFrom: 'send', goodputRps: undefined });
  });

  it('leaves every load figure blank without a schedule, and goodput blank without --slo: never 0', () => {
    const [summary] = summarize([makeAttempt({ caseId: 'a', timing: { ttftMs: 5, e2eMs: 9 } }), makeAttempt({ caseId: 'b', timing: { ttftMs: 6, e2eMs: 9 } })]);
    for (const figure of ['ttftFromScheduledP50Ms', 'ttftFromScheduledP99Ms', 'e2eFromScheduledP50Ms', 'e2eFromScheduledP99Ms', 'dispatchDelayP50Ms', 'dispatchDelayP99Ms', 'achievedRps', 'tpotP50Ms', 'itlChunkP50Ms', 'tokensPerChunkMean', 'slo', 'goodput', 'goodputCiLow', 'goodputCases', 'goodputMet', 'goodputRps', 'goodputLatencyFrom'] as const) {
      expect(summary?.[figure], figure).toBeUndefined();
    }
    expect(summary?.percentiles.ttftFromScheduledP50Ms).toBeUndefined();
    expect(summary?.percentiles.dispatchDelayP50Ms).toBeUndefined();
  });
});

describe('createSummaryAccumulator', () => {
  it('gives what summarize gives, record by record', () => {
    const records = openLoop();
    const accumulator = createSummaryAccumulator([{ target: 'other', prompt: 'default', slots: 2 }], { slo: parseSlo(['e2e<=150']) });
    for (const record of records) accumulator.add(record);
    expect(accumulator.finish()).toEqual(summarize(records, [{ target: 'other', prompt: 'default', slots: 2 }], { slo: parseSlo(['e2e<=150']) }));
    expect(() => accumulator.finish()).toThrow('already finished');
  });

  it('decides a slot by its latest record with decideBy latest, as normalizeFinals settles results.jsonl', () => {
    // A retry a stop never sent: the failed attempt was appended after the final answer was marked.
    const records = [makeAttempt({ caseId: 'q1', attempt: 1, final: true }), makeAttempt({ caseId: 'q1', attempt: 2, final: false, error: timeout })];
    const byFinal = createSummaryAccumulator();
    const byLatest = createSummaryAccumulator(undefined, { decideBy: 'latest' });
    for (const record of records) {
      byFinal.add(record);
      byLatest.add(record);
    }
    expect(byFinal.finish()[0]).toMatchObject({ requests: 1, ok: 1, unanswered: 0 });
    expect(byLatest.finish()[0]).toMatchObject({ requests: 1, ok: 0, unanswered: 1, errorCounts: { timeout: 1 }, firstAttemptSuccessRate: 1 });
  });
});
