import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { removeLeftoverTemporaries, temporaryPathFor } from './temporary-file.ts';

describe('removeLeftoverTemporaries', () => {
  it('removes what a killed process left mid-write, and keeps what a live one is writing', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'leftovers-'));
    const names = ['results.csv.tmp-111', 'summary.csv.tmp-111-4', 'report.html.tmp-222', 'results.jsonl', 'notes.tmp-x', 'a.json.tmp-333'];
    for (const name of names) await writeFile(join(folder, name), 'x');
    const mine = temporaryPathFor(join(folder, 'mine.csv'));
    await writeFile(mine, 'x');

    const removed = await removeLeftoverTemporaries(folder, (pid) => pid === 222);

    expect(removed.sort()).toEqual(['a.json.tmp-333', 'results.csv.tmp-111', 'summary.csv.tmp-111-4']);
    expect((await readdir(folder)).sort()).toEqual([basename(mine), 'notes.tmp-x', 'report.html.tmp-222', 'results.jsonl'].sort());
  });

  it('removes nothing from a folder that is not there', async () => {
    expect(await removeLeftoverTemporaries(join(tmpdir(), 'no-such-folder-llm-bench'))).toEqual([]);
  });
});

describe('temporaryPathFor', () => {
  it('never gives one file the same temporary twice in one process', () => {
    expect(temporaryPathFor('/x/run.json')).not.toBe(temporaryPathFor('/x/run.json'));
    expect(temporaryPathFor('/x/run.json')).toMatch(new RegExp(`^/x/run\\.json\\.tmp-${process.pid}-\\d+$`));
  });
});
