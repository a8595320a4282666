import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ResultsFile } from '../records/results-file.ts';
import { makeAttempt } from '../stats/make-attempt.ts';
import { committedRecords } from './finish-run.ts';

describe('committedRecords', () => {
  let folder: string;
  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'finish-run-'));
  });
  afterEach(() => rm(folder, { recursive: true, force: true }));

  it('reads results.jsonl back, earlier sessions first, when the run held no records', async () => {
    const earlier = makeAttempt({ caseId: 'c1', attempt: 1, final: true, error: { type: 'server_error', message: '503' } });
    const now = [makeAttempt({ caseId: 'c1', attempt: 2, output: 'yes' }), makeAttempt({ caseId: 'c2', output: 'no' })];
    const results = await ResultsFile.open(join(folder, 'results.jsonl'));
    for (const record of [earlier, ...now]) await results.append(record);
    await results.close();
    expect(await committedRecords({ folder }, [earlier], { records: [] })).toEqual([earlier, ...now]);
  });

  it('takes the records in memory when the run held them, without reading the file', async () => {
    const earlier = makeAttempt({ caseId: 'c1' });
    const now = makeAttempt({ caseId: 'c2' });
    // No results.jsonl at all: reading it would give nothing.
    expect(await committedRecords({ folder }, [earlier], { records: [now] })).toEqual([earlier, now]);
  });
});
