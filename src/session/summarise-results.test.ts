import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AttemptRecord } from '../records/attempt-record.ts';
import { makeAttempt } from '../stats/make-attempt.ts';
import { pipelineSlot } from '../stats/test/pipeline-records.ts';
import { summariseResults } from './summarise-results.ts';
import { summariseRun } from './summarise-run.ts';

/** Two targets over 30 cases: timings, costs, scores, retries, failed slots, and a retry never sent. */
function runRecords(): AttemptRecord[] {
  const records: AttemptRecord[] = [];
  for (const target of ['a', 'b']) {
    for (let index = 0; index < 30; index++) {
      const caseId = `case-${index}`;
      const timing = { ttftMs: 100 + ((index * 37) % 90) + (target === 'b' ? 20 : 0), e2eMs: 400 + index * 3 };
      if (index % 7 === 0) {
        records.push(makeAttempt({ target, caseId, attempt: 1, final: false, timing, error: { type: 'server_error', message: '503' } }));
      }
      const scored = { score: index % 4 === 0 ? 0 : 1, passed: index % 4 !== 0, reason: '' };
      const record = index % 11 === 5
        ? makeAttempt({ target, caseId, attempt: 2, timing, error: { type: 'timeout', message: 'slow' } })
        : makeAttempt({ target, caseId, attempt: index % 7 === 0 ? 2 : 1, timing, costUsd: 0.001 * (index + 1), usage: { estimated: false, inputTokens: 10, outputTokens: 20 + index }, score: scored, output: `answer ${index}` });
      records.push(record);
    }
    // A stop left this retry unsent: its last attempt was appended as not final.
    records.push(makeAttempt({ target, caseId: 'case-30', attempt: 1, final: false, error: { type: 'rate_limited', message: '429' } }));
  }
  return records;
}

describe('summariseResults', () => {
  let folder: string;
  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'summarise-results-'));
  });
  afterEach(() => rm(folder, { recursive: true, force: true }));

  it('gives, from results.jsonl read once, the summaries summariseRun gives from the records in memory', async () => {
    const records = runRecords();
    const path = join(folder, 'results.jsonl');
    await writeFile(path, records.map((record) => `${JSON.stringify(record)}\n`).join(''));
    const planned = ['a', 'b'].map((target) => ({ target, prompt: 'default', slots: 32 }));
    const assertions = new Map(Array.from({ length: 31 }, (_, index) => [`case-${index}`, true] as const));
    const inMemory = summariseRun({ records, planned, assertions, baseline: 'b', run: { runId: 'r', simulatedTargets: [] } });
    const streamed = await summariseResults(path, { planned, assertions, baseline: 'b' });
    expect(streamed.attempts).toBe(records.length);
    expect(streamed.summaries.map((summary) => summary.target)).toEqual(['b', 'a']);
    // Not two empty summaries that agree: the unsent retry counts as a failed slot, the pass rate is partial.
    expect(streamed.summaries[0]!.requests).toBe(31);
    expect(streamed.summaries[0]!.passRate).toBeGreaterThan(0);
    expect(streamed.summaries[0]!.passRate).toBeLessThan(1);
    expect(streamed.summaries).toEqual(inMemory.summaries);
  });

  it('streams a run of pipelines as summariseRun reads it: a case per slot, its steps as spending', async () => {
    const timeout = { type: 'timeout' as const, message: 'slow' };
    const records = Array.from({ length: 8 }, (_, index) =>
      pipelineSlot({
        caseId: `t${index}`, ttftMs: 300 + index, criticalPathMs: 700 + index, sumOfStepsMs: 900 + index, passed: index % 3 !== 0,
        steps: [
          { step: 'classify', ttftMs: 100, e2eMs: 200, costUsd: 0.001, passed: true },
          ...(index === 2 ? [{ step: 'draft', error: timeout }] : []),
          { step: 'draft', ttftMs: 200 + index, e2eMs: 500, costUsd: 0.002, attempt: index === 2 ? 2 : 1 },
        ],
      }),
    ).flat();
    const path = join(folder, 'results.jsonl');
    await writeFile(path, records.map((record) => `${JSON.stringify(record)}\n`).join(''));
    const planned = [{ target: 'mock:mini', prompt: 'default', slots: 8 }];
    const inMemory = summariseRun({ records, planned, run: { runId: 'r', simulatedTargets: [] } });
    const streamed = await summariseResults(path, { planned });
    expect(streamed.summaries).toEqual(inMemory.summaries);
    expect(streamed.summaries[0]).toMatchObject({ requests: 8, notSent: 0, attempts: 17, ttftP50Ms: 303.5, e2eP50Ms: 703.5 });
    expect(streamed.summaries[0]!.costUsdTotal).toBeCloseTo(0.024, 12);
    expect(inMemory.steps?.map((step) => step.step)).toEqual(['classify', 'draft']);
  });
});
