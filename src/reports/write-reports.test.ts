import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InputError } from '../config/errors.ts';
import { makeAttempt } from '../stats/make-attempt.ts';
import { summarize } from '../stats/summarize.ts';
import type { NamedReporter, ReportInput } from './reporter.ts';
import { reportHtml } from './report-html.ts';
import { reporters, type BuiltinReporterName } from './reporters.ts';
import { resultsCsv } from './results-csv.ts';
import { writeReports } from './write-reports.ts';

const records = [makeAttempt({ output: 'Paris' })];
const input: ReportInput = { records, summaries: summarize(records), comparisons: [], run: { runId: 'run-1', simulatedTargets: [] } };

function builtin(name: BuiltinReporterName, options: Record<string, unknown> = {}): NamedReporter {
  return { name, reporter: reporters[name].create(reporters[name].options.parse(options)) };
}

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
    expect(paths).toEqual(['results.csv', 'summary.csv', 'summary.json', 'comparison.csv', 'report.html', 'report.md'].map((name) => join(runFolder, name)));
    expect((await readdir(runFolder)).sort()).toEqual(['comparison.csv', 'report.html', 'report.md', 'results.csv', 'summary.csv', 'summary.json']);
    expect(await readFile(join(runFolder, 'results.csv'), 'utf8')).toBe(resultsCsv.render(input));
  });

  it('writes only the given reporters\' files and replaces an older file', async () => {
    await writeFile(join(folder, 'summary.json'), 'old');
    const paths = await writeReports(folder, input, [builtin('summary-json')]);
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
    await expect(writeReports(folder, input, [builtin('summary-csv')])).rejects.toThrow();
    expect(await readdir(folder)).toEqual(['summary.csv']);
  });

  it('writes a built-in under its fileName option, and a custom reporter\'s several files', async () => {
    const custom: NamedReporter = {
      name: './notes.ts',
      reporter: { render: ({ run }) => [{ fileName: 'notes.md', content: `# ${run.runId}\n` }, { fileName: 'notes.txt', content: run.runId }] },
    };
    const paths = await writeReports(folder, input, [builtin('report-html', { fileName: 'index.html' }), custom]);
    expect(paths).toEqual(['index.html', 'notes.md', 'notes.txt'].map((name) => join(folder, name)));
    expect(await readFile(join(folder, 'index.html'), 'utf8')).toBe(reportHtml.render(input));
    expect(await readFile(join(folder, 'notes.md'), 'utf8')).toBe('# run-1\n');
  });

  it('refuses two reporters writing one file, naming both, and writes nothing', async () => {
    const twin: NamedReporter = { name: './twin.ts', reporter: { render: () => [{ fileName: 'Summary.csv', content: 'mine' }] } };
    await expect(writeReports(folder, input, [builtin('results-csv'), builtin('summary-csv'), twin])).rejects.toThrow(
      new InputError('reporters summary-csv and ./twin.ts both write Summary.csv; give one another fileName'),
    );
    await expect(writeReports(folder, input, [builtin('results-csv'), builtin('summary-csv', { fileName: 'results.csv' })])).rejects.toThrow(
      'reporters results-csv and summary-csv both write results.csv',
    );
    expect(await readdir(folder)).toEqual([]);
  });

  it('refuses a custom reporter\'s file outside the folder or over the run\'s own files', async () => {
    for (const fileName of ['../escape.html', 'sub/x.csv', 'results.jsonl', 'run.json', '']) {
      const rogue: NamedReporter = { name: './rogue.ts', reporter: { render: () => [{ fileName, content: 'x' }] } };
      await expect(writeReports(folder, input, [rogue]), fileName).rejects.toThrow(/^reporter \.\/rogue\.ts: fileName: /);
    }
    expect(await readdir(folder)).toEqual([]);
  });

  it('writes nothing for a reporter that only listens', async () => {
    expect(await writeReports(folder, input, [{ name: './listener.ts', reporter: { onEvent: () => undefined } }])).toEqual([]);
  });
});
