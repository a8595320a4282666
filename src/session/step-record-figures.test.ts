import { describe, expect, it } from 'vitest';
import { makeWorkspace } from '../../test/support/run-folder.ts';
import type { AttemptRecord } from '../records/index.ts';
import { pairKey, parseSlo, type TargetSummary } from '../stats/index.ts';
import { stepRecordFigures, stepRecordFiguresOf } from './step-record-figures.ts';
import { sweepStepRows } from './sweep-step-rows.ts';

/** Case k sent at k seconds, answered in 500 ms with 50 tokens, TTFT 100 or 300 ms. */
const record = (index: number): AttemptRecord =>
  ({
    caseId: `c${index}`, target: 't', prompt: 'default', repeat: 1, attempt: 1, final: true, status: 'ok',
    startedAt: '2026-12-08T00:00:00.000Z', output: 'answer',
    timing: { ttftMs: index % 2 === 0 ? 100 : 300, e2eMs: 500 },
    usage: { outputTokens: 50, estimated: false },
    schedule: { scheduledMs: index * 1000, sentMs: index * 1000 },
  }) as AttemptRecord;

describe('a sweep step past 50,000 records (its records a sample)', () => {
  const records = Array.from({ length: 4 }, (_unused, index) => record(index));
  const slo = parseSlo(['ttft<=200']);
  const summary = { target: 't', prompt: 'default', requests: 4, unanswered: 0 } as TargetSummary;
  const step = { step: 1, folder: 'step-1', incomplete: false };

  it('takes throughput, send rate and goodput from every record in results.jsonl, not from the sample', async () => {
    const workspace = await makeWorkspace();
    try {
      const path = await workspace.write('results.jsonl', records.map((each) => `${JSON.stringify(each)}\n`).join(''));
      const figures = await stepRecordFiguresOf(path, slo);
      // 200 tokens from the first send (0 s) to the last answer's end (3.5 s); 3 sends over 3 s.
      const [row] = sweepStepRows(step, [summary], records.slice(0, 1), slo, figures);
      expect(row).toMatchObject({ outputTokensPerSecond: 200 / 3.5, achievedRps: 1, goodput: 0.5, goodputCases: 4 });
      // The sample alone: one answer over its own 0.5 s.
      expect(sweepStepRows(step, [summary], records.slice(0, 1), slo)[0]).toMatchObject({ outputTokensPerSecond: 100, achievedRps: undefined, goodput: 1 });
      // Every record held: the same figures as read back.
      expect(sweepStepRows(step, [summary], records, slo)[0]).toEqual(row);
      expect(stepRecordFigures(records, slo).get(pairKey({ target: 't', prompt: 'default' }))?.outputTokensPerSecond).toBe(200 / 3.5);
    } finally {
      await workspace.remove();
    }
  });
});
