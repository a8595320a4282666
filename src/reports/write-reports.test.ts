import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeAttempt } from '../stats/make-attempt.ts';
import { summarize } from '../stats/summarize.ts';
import type { ReportInput } from './reporter.ts';
import { reporters } from './reporters.ts';
import { writeReports } from './write-reports.ts';

const records = [makeAttempt({ output: 'Paris' })];
const input: ReportInput = { records, summaries: summarize(records), comparisons: [], run: { runId: 'run-1', simulatedTargets: [] } };

let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'llm-bench-reports-'));
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe('writeReports', () => {
  it('writes every report, creating the folder, and leaves no temporary file', async () => {
    const runFolder = join(folder, 'runs', 'run-1');
    const paths = await writeReports(runFolder, input);
    expect(paths).toEqual(['results.csv', 'summary.csv', 'summary.json', 'comparison.csv', 'report.html'].map((name) => join(runFolder, name)));
    expect((await readdir(runFolder)).sort()).toEqual(['comparison.csv', 'report.html', 'results.csv', 'summary.csv', 'summary.json']);
    expect(await readFile(join(runFolder, 'results.csv'), 'utf8')).toBe(reporters['results-csv'].render(input));
  });

  it('writes only the named reports and replaces an older file', async () => {
    await writeFile(join(folder, 'summary.json'), 'old');
    const paths = await writeReports(folder, input, ['summary-json']);
    expect(paths).toEqual([join(folder, 'summary.json')]);
    expect(JSON.parse(await readFile(join(folder, 'summary.json'), 'utf8')).run.runId).toBe('run-1');
    expect(await readdir(folder)).toEqual(['summary.json']);
  });

  it('writes nothing when a report cannot be rendered', async () => {
    const broken = { ...input, summaries: undefined } as unknown as ReportInput;
    await expect(writeReports(folder, broken)).rejects.toThrow();
    expect(await readdir(folder)).toEqual([]);
  });

  it('removes its temporary file when the rename fails', async () => {
    // A non-empty folder in the way of the report makes the rename fail after the write.
    await mkdir(join(folder, 'summary.csv', 'inside'), { recursive: true });
    await expect(writeReports(folder, input, ['summary-csv'])).rejects.toThrow();
    expect(await readdir(folder)).toEqual(['summary.csv']);
  });
});
