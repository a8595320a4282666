import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readResults } from './read-results.ts';

describe('readResults', () => {
  let folder: string;
  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'read-results-'));
  });
  afterEach(() => rm(folder, { recursive: true, force: true }));

  it('drops a torn last line and cuts it from the file, so the next append starts clean', async () => {
    const path = join(folder, 'results.jsonl');
    await writeFile(path, '{"caseId":"a"}\n{"caseId":"b"}\n{"caseId":"c","out');
    const { records, droppedTornLine } = await readResults(path);
    expect(records.map((record) => record.caseId)).toEqual(['a', 'b']);
    expect(droppedTornLine).toBe(true);
    expect(await readFile(path, 'utf8')).toBe('{"caseId":"a"}\n{"caseId":"b"}\n');
  });

  it('keeps a file that ends cleanly as it is', async () => {
    const path = join(folder, 'results.jsonl');
    await writeFile(path, '{"caseId":"a"}\n');
    expect(await readResults(path)).toMatchObject({ droppedTornLine: false, records: [{ caseId: 'a' }] });
  });

  it('refuses a damaged line that is not the last, naming file and line', async () => {
    const path = join(folder, 'results.jsonl');
    await writeFile(path, '{"caseId":"a"}\n{oops}\n{"caseId":"c"}\n');
    await expect(readResults(path)).rejects.toThrow(`${path}:2:`);
  });

  it('reads a missing file as no records', async () => {
    expect(await readResults(join(folder, 'none.jsonl'))).toEqual({ records: [], droppedTornLine: false });
  });
});
