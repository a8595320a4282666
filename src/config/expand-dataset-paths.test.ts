import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expandDatasetPaths } from './expand-dataset-paths.ts';

let folder: string;
beforeAll(async () => {
  // A `[` in a folder above the glob must be read as a letter, not as a character class.
  folder = path.join(await mkdtemp(path.join(tmpdir(), 'llm-bench-glob-')), 'evals [nightly]');
  for (const file of ['qa/b.jsonl', 'qa/a.csv', 'qa/notes.txt', 'qa/deep/c.yaml', 'other/d.yml']) {
    await mkdir(path.dirname(path.join(folder, file)), { recursive: true });
    await writeFile(path.join(folder, file), '');
  }
  await mkdir(path.join(folder, 'qa/folder.jsonl'));
  await symlink(path.join(folder, 'other/d.yml'), path.join(folder, 'qa/link.yml'));
});
afterAll(async () => {
  await rm(path.dirname(folder), { recursive: true, force: true });
});

describe('expandDatasetPaths', () => {
  it('expands a glob to the regular dataset files it matches, sorted, relative when the pattern is', async () => {
    expect(await expandDatasetPaths(['qa/**/*'], folder)).toEqual(['qa/a.csv', 'qa/b.jsonl', 'qa/deep/c.yaml', 'qa/link.yml']);
    expect(await expandDatasetPaths(['qa/*.{jsonl,csv}'], folder)).toEqual(['qa/a.csv', 'qa/b.jsonl']);
  });

  it('gives absolute files for an absolute pattern, even under a folder with glob characters in its name', async () => {
    expect(await expandDatasetPaths([path.join(folder, 'qa/*.jsonl')], folder)).toEqual([path.join(folder, 'qa/b.jsonl')]);
  });

  it('keeps plain paths as they are, for the dataset loader to check, and lists a file once', async () => {
    expect(await expandDatasetPaths(['missing.jsonl', 'qa/b.jsonl', 'qa/*.jsonl', 'other/d.yml'], folder)).toEqual(['missing.jsonl', 'qa/b.jsonl', 'other/d.yml']);
  });

  it('refuses a glob that matches no dataset file, naming it', async () => {
    await expect(expandDatasetPaths(['qa/*.txt'], folder)).rejects.toThrow('no dataset file (.jsonl, .csv, .yaml or .yml) matches qa/*.txt');
  });
});

describe('expandDatasetPaths and answer books', () => {
  it('leaves answer books out of a glob: they sit beside datasets but are the simulator\'s', async () => {
    const books = await mkdtemp(path.join(tmpdir(), 'llm-bench-books-'));
    await mkdir(path.join(books, 'answer-books'));
    await writeFile(path.join(books, 'smoke.jsonl'), '{}\n');
    await writeFile(path.join(books, 'answer-books', 'smoke.answers.jsonl'), '{}\n');
    await writeFile(path.join(books, 'other.answers.jsonl'), '{}\n');
    expect(await expandDatasetPaths(['**/*.jsonl'], books)).toEqual(['smoke.jsonl']);
    await rm(books, { recursive: true, force: true });
  });
});
