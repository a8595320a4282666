import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AttemptRecord } from './attempt-record.ts';
import { ResultsFile } from './results-file.ts';

const record = (caseId: string): AttemptRecord => ({
  caseId, target: 't', prompt: 'default', repeat: 1, attempt: 1, final: true, status: 'ok',
  startedAt: '2026-12-07T00:00:00.000Z', timing: {}, usage: { estimated: false }, output: caseId,
});

let folder: string | undefined;
afterEach(async () => {
  if (folder) await rm(folder, { recursive: true, force: true });
  folder = undefined;
});

describe('ResultsFile', () => {
  it('has each line in the file once its append resolves, and flushes lines together rather than one by one', async () => {
    folder = await mkdtemp(join(tmpdir(), 'results-file-'));
    const path = join(folder, 'results.jsonl');
    const file = await ResultsFile.open(path, { syncIntervalMs: 50 });
    const handle = (file as unknown as { handle: { datasync: () => Promise<void> } }).handle;
    const datasync = vi.spyOn(handle, 'datasync');
    for (let index = 0; index < 100; index++) {
      await file.append(record(`c${index}`));
      // Written at once: a crash of the process after this loses nothing.
      if (index === 41) expect((await readFile(path, 'utf8')).trim().split('\n')).toHaveLength(42);
    }
    await file.close();
    const lines = (await readFile(path, 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as AttemptRecord);
    expect(lines.map((line) => line.caseId)).toEqual(Array.from({ length: 100 }, (_, index) => `c${index}`));
    // At least the close's own flush; far fewer than one per line (100 lines written well within a few intervals).
    expect(datasync).toHaveBeenCalled();
    expect(datasync.mock.calls.length).toBeLessThan(100);
  });

  it('flush() resolves once every line written so far is flushed', async () => {
    folder = await mkdtemp(join(tmpdir(), 'results-file-'));
    const file = await ResultsFile.open(join(folder, 'results.jsonl'), { syncIntervalMs: 5 });
    const handle = (file as unknown as { handle: { datasync: () => Promise<void> } }).handle;
    const datasync = vi.spyOn(handle, 'datasync');
    await file.append(record('a'));
    expect(datasync).not.toHaveBeenCalled();
    await file.flush();
    expect(datasync).toHaveBeenCalledTimes(1);
    await file.close();
  });
});
