import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AttemptRecord } from '../records/index.ts';
import { resultsCsvChunks, resultsCsvChunksOf } from '../reports/results-csv.ts';
import { normalizeFinals } from '../runner/index.ts';
import { makeAttempt } from '../stats/make-attempt.ts';
import { streamedReport, streamResults } from './streamed-results.ts';
import { summariseRun } from './summarise-run.ts';

/** Two targets, 6 cases × 4 repeats, with a retried slot, a resumed slot and a retry a stop never sent. */
function records(): AttemptRecord[] {
  const list: AttemptRecord[] = [];
  for (let repeat = 1; repeat <= 4; repeat++) {
    for (let index = 0; index < 6; index++) {
      for (const target of ['a', 'b']) {
        const caseId = `c${index}`;
        const timing = { ttftMs: 10 + index + repeat, e2eMs: 50 + index * repeat, outputTps: 100 - index };
        const passed = (index + repeat) % 3 !== 0;
        if (target === 'b' && index === 1 && repeat === 2) {
          list.push(makeAttempt({ caseId, target, repeat, final: false, error: { type: 'server_error', message: '503' } }));
          list.push(makeAttempt({ caseId, target, repeat, attempt: 2, timing, score: { passed, score: passed ? 1 : 0, reason: 'x' } }));
        } else if (target === 'a' && index === 2 && repeat === 3) {
          list.push(makeAttempt({ caseId, target, repeat, final: false, error: { type: 'rate_limited', message: '429' } }));
        } else {
          list.push(makeAttempt({ caseId, target, repeat, timing, score: { passed, score: passed ? 1 : 0, reason: 'x' }, costUsd: 0.001 }));
        }
      }
    }
  }
  // A slot resumed by a later session: its earlier final error no longer counts.
  list.push(makeAttempt({ caseId: 'c0', target: 'a', repeat: 1, attempt: 2 }));
  return list;
}

const planned = [{ target: 'a', prompt: 'default', slots: 24 }, { target: 'b', prompt: 'default', slots: 24 }];
const run = { runId: 'r1', simulatedTargets: [] };

async function joined(chunks: AsyncIterable<string>): Promise<string> {
  let text = '';
  for await (const chunk of chunks) text += chunk;
  return text;
}

describe('streamResults', () => {
  let folder: string;
  let path: string;
  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'streamed-results-'));
    path = join(folder, 'results.jsonl');
    await writeFile(path, records().map((record) => `${JSON.stringify(record)}\n`).join(''));
  });
  afterEach(() => rm(folder, { recursive: true, force: true }));

  it('gives the summaries, comparisons and results.csv of holding every record, and a sample of whole repeats', async () => {
    const streamed = await streamResults(path, { planned, caseRecords: true, above: 10, sample: 26 });
    expect(streamed).toBeDefined();
    const whole = summariseRun({ records: records(), planned, run });
    const report = streamedReport(streamed!, { run });
    expect(report.summaries).toEqual(whole.summaries);
    expect(report.comparisons).toEqual(whole.comparisons);
    expect(await joined(resultsCsvChunksOf(streamed!.all()))).toBe([...resultsCsvChunks(normalizeFinals(records()))].join(''));
    expect(streamed!.counts).toEqual({ attempts: 50, slots: 48, ok: 47, errors: 1 });
    // 12.5 records a repeat: the first two repeats, and the one final error (repeat 3).
    expect(report.run.recordsSampled).toEqual({ records: 50, shown: 27, repeats: 2 });
    expect(report.records.every((record) => record.repeat <= 2 || (record.final && record.status === 'error'))).toBe(true);
    expect(report.records).toEqual(normalizeFinals(records()).filter((record) => record.repeat <= 2 || (record.final && record.status === 'error')));
  });

  it('samples cases by their key when one repeat is more than the sample', async () => {
    const streamed = await streamResults(path, { planned, caseRecords: false, above: 10, sample: 6 });
    expect(streamed!.sampled.repeats).toBe(1);
    expect(streamed!.sampled.caseShare).toBeCloseTo(6 / 12.5);
    expect(streamed!.caseRecords).toEqual([]);
    const cases = new Set(streamed!.records.filter((record) => record.status === 'ok').map((record) => record.caseId));
    expect(cases.size).toBeGreaterThan(0);
    expect(cases.size).toBeLessThan(6);
  });

  it('leaves a run at or below the bound, or one with multi-call cases, to be read whole', async () => {
    expect(await streamResults(path, { planned, caseRecords: false, above: 51 })).toBeUndefined();
    await writeFile(path, `${JSON.stringify(makeAttempt({ step: 'draft' }))}\n`.repeat(20));
    expect(await streamResults(path, { planned, caseRecords: false, above: 10 })).toBeUndefined();
  });
});
