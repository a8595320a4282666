import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InputError } from '../config/errors.ts';
import { makeAttempt } from '../stats/make-attempt.ts';
import { summarize } from '../stats/summarize.ts';
import { isModulePath, loadReporters } from './load-reporters.ts';
import { ReporterSettingError } from './reporter-setting-error.ts';
import { notifyReporters } from './notify-reporters.ts';
import type { ReportInput } from './reporter.ts';
import { reportHtml } from './report-html.ts';
import type { RunEvent } from './run-event.ts';
import { writeReports } from './write-reports.ts';

const record = makeAttempt({ caseId: 'capital', output: 'Paris' });
const report: ReportInput = { records: [record], summaries: summarize([record]), comparisons: [], run: { runId: 'run-1', simulatedTargets: [] } };
const events: RunEvent[] = [
  { type: 'run-started', runId: 'run-1', folder: 'reports/run-1', targets: ['a'], plannedRequests: 1, alreadyDone: 0, alreadySpentUsd: 0 },
  { type: 'attempt-done', record },
  { type: 'target-stopped', target: 'a', reason: 'quota' },
  { type: 'run-finished', folder: 'reports/run-1', report },
];

/** Whatever `loadReporters` throws, caught for a closer look. */
async function failure(promise: Promise<unknown>): Promise<InputError> {
  const error = await promise.then(() => undefined, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(InputError);
  return error as InputError;
}

let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'llm-bench-reporters-'));
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe('loadReporters from the registry', () => {
  it('gives the six built-ins, in order, when the definition names none', async () => {
    const loaded = await loadReporters(undefined, folder);
    expect(loaded.map((entry) => entry.name)).toEqual(['results-csv', 'summary-csv', 'summary-json', 'comparison-csv', 'report-html', 'report-md']);
    expect(loaded.flatMap(({ reporter }) => reporter.render?.(report) ?? []).map((file) => file.fileName)).toEqual([
      'results.csv', 'summary.csv', 'summary.json', 'comparison.csv', 'report.html', 'report.md',
    ]);
  });

  it('takes names and [name, options] pairs, in the order given', async () => {
    const loaded = await loadReporters(['summary-json', ['report-html', { fileName: 'index.html' }], ['results-csv', {}]], folder);
    expect(loaded.map((entry) => entry.name)).toEqual(['summary-json', 'report-html', 'results-csv']);
    const paths = await writeReports(folder, report, loaded);
    expect(paths).toEqual(['summary.json', 'index.html', 'results.csv'].map((name) => join(folder, name)));
    expect(await readFile(join(folder, 'index.html'), 'utf8')).toBe(reportHtml.render(report));
  });

  it('refuses a bad option, at the entry\'s option, with the spelling meant', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ fileName: 3 }, 'reporters[0][1].fileName: expected string, got number 3'],
      [{ filename: 'x.html' }, 'reporters[0][1].filename: unknown field; did you mean fileName?'],
      [{ colour: 'red' }, 'reporters[0][1].colour: unknown field (known: fileName)'],
      [{ fileName: '../outside.html' }, 'reporters[0][1].fileName: expected a plain file name without a folder, got "../outside.html"'],
      [{ fileName: 'results.jsonl' }, "reporters[0][1].fileName: results.jsonl is the run's own file (a report must not replace it)"],
    ];
    for (const [options, message] of cases) {
      expect((await failure(loadReporters([['report-html', options]], folder))).message).toBe(message);
    }
    // Where the problem is, for the config loader's file:line: the second entry's fileName option.
    const error = await failure(loadReporters(['summary-json', ['report-html', { fileName: 3 }]], folder));
    expect(error).toBeInstanceOf(ReporterSettingError);
    expect((error as ReporterSettingError).path).toEqual([1, 1, 'fileName']);
  });

  it('refuses an unknown name with the closest one and the list of names', async () => {
    const error = await failure(loadReporters(['summary-jsn'], folder));
    expect(error.message).toBe(
      'reporters[0]: unknown reporter "summary-jsn"; did you mean summary-json? (reporters: results-csv, summary-csv, summary-json, comparison-csv, report-html, report-md; or a module path such as ./my-reporter.ts)',
    );
    expect((await failure(loadReporters(['junit'], folder))).message).toMatch(/^reporters\[0\]: unknown reporter "junit" \(reporters: results-csv, /);
    expect((await failure(loadReporters(['results-csv', ['junit', {}]], folder)) as ReporterSettingError).path).toEqual([1, 0]);
    const notASetting = [{ name: 'report-html' }] as unknown as string[];
    expect((await failure(loadReporters(notASetting, folder))).message).toBe('reporters[0]: expected a name or a [name, options] pair, got {"name":"report-html"}');
    const optionsNotAnObject = [['report-html', 'index.html']] as unknown as string[];
    expect((await failure(loadReporters(optionsNotAnObject, folder))).message).toBe('reporters[0][1]: expected an object of options, got "index.html"');
  });

  it('refuses two entries writing one file before the run, at the later one, naming the earlier', async () => {
    const renamed = await failure(loadReporters(['results-csv', ['summary-csv', { fileName: 'Results.csv' }]], folder));
    expect(renamed.message).toBe('reporters[1][1].fileName: Results.csv is also written by results-csv, an earlier reporter; give one of them another fileName');
    expect((renamed as ReporterSettingError).path).toEqual([1, 1, 'fileName']);
    const twice = await failure(loadReporters(['summary-csv', 'report-html', 'summary-csv'], folder));
    expect(twice.message).toBe('reporters[2]: summary.csv is also written by summary-csv, an earlier reporter; name it once, or give one another fileName');
    // The same built-in twice under two names is fine, and is what writeReports then writes.
    const loaded = await loadReporters(['summary-csv', ['summary-csv', { fileName: 'summary-2.csv' }]], folder);
    expect(loaded.map((entry) => entry.fileNames)).toEqual([['summary.csv'], ['summary-2.csv']]);
  });

  it('lists every problem at once, in the order of the entries', async () => {
    const error = await failure(loadReporters([['report-html', { filename: 'x.html' }], 'summary-jsn', 'results-csv', 'results-csv', './missing.ts'], folder));
    expect(error.message.split('\n')).toEqual([
      'reporters[0][1].filename: unknown field; did you mean fileName?',
      expect.stringMatching(/^reporters\[1\]: unknown reporter "summary-jsn"; did you mean summary-json\? /),
      'reporters[3]: results.csv is also written by results-csv, an earlier reporter; name it once, or give one another fileName',
      `reporters[4]: cannot load ./missing.ts: no such file ${join(folder, 'missing.ts')}`,
    ]);
    expect((error as ReporterSettingError).problems.map((problem) => problem.path)).toEqual([[0, 1, 'filename'], [1], [3], [4]]);
  });

  it('tells module paths from names as vitest does', () => {
    expect(['./a', '../a', '/abs/a', 'my-reporter.ts', 'dist/reporter.mjs', 'x.js'].every(isModulePath)).toBe(true);
    expect(['report-html', 'junit', 'html'].some(isModulePath)).toBe(false);
  });
});

describe('loadReporters from a module', () => {
  it('builds a factory\'s reporter with its options; the reporter receives every event in order and writes its file', async () => {
    await writeFile(
      join(folder, 'my-reporter.ts'),
      `type Options = { log: string[]; fileName: string };
export default function create(options: Options) {
  return {
    onEvent(event: { type: string }) { options.log.push(event.type); },
    render(input: { run: { runId: string } }) { return [{ fileName: options.fileName, content: 'run ' + input.run.runId }]; },
  };
}
`,
    );
    const log: string[] = [];
    const loaded = await loadReporters(['summary-json', ['./my-reporter.ts', { log, fileName: 'mine.txt' }]], folder);
    expect(loaded.map((entry) => entry.name)).toEqual(['summary-json', './my-reporter.ts']);
    for (const event of events) await notifyReporters(loaded, event);
    expect(log).toEqual(['run-started', 'attempt-done', 'target-stopped', 'run-finished']);
    await writeReports(folder, report, loaded);
    expect(await readFile(join(folder, 'mine.txt'), 'utf8')).toBe('run run-1');
  });

  it('takes a reporter object as the default export, from an absolute path', async () => {
    const path = join(folder, 'listener.mjs');
    await writeFile(path, `export default { onEvent(event) { globalThis.__listenerSaw = event.type; } };\n`);
    const loaded = await loadReporters([path], '/somewhere/else');
    await notifyReporters(loaded, events[2]!);
    expect((globalThis as { __listenerSaw?: string }).__listenerSaw).toBe('target-stopped');
    expect((await failure(loadReporters([[path, { verbose: true }]], folder))).message).toBe(
      `reporters[0][1]: ${path} takes no options: its default export is a reporter; export a function (options) => reporter`,
    );
  });

  it('rethrows a module that fails to load with the original error as its cause', async () => {
    await writeFile(join(folder, 'broken.ts'), `throw new Error('boom at import');\nexport default {};\n`);
    const broken = await failure(loadReporters(['./broken.ts'], folder));
    expect(broken.message).toBe('reporters[0]: cannot load ./broken.ts: boom at import');
    expect(broken.cause).toBeInstanceOf(Error);
    expect((broken.cause as Error).message).toBe('boom at import');

    const missing = await failure(loadReporters(['./missing.ts'], folder));
    expect(missing.message).toBe(`reporters[0]: cannot load ./missing.ts: no such file ${join(folder, 'missing.ts')}`);
    expect((missing.cause as NodeJS.ErrnoException).code).toBe('ENOENT');

    // A module that imports what is not there: its own error, not the reporter's path.
    await writeFile(join(folder, 'needs.ts'), `import 'llm-bench-no-such-package';\nexport default {};\n`);
    const needs = await failure(loadReporters(['./needs.ts'], folder));
    expect(needs.message).toMatch(/^reporters\[0\]: cannot load \.\/needs\.ts: .*llm-bench-no-such-package/);
    expect(needs.cause).toBeInstanceOf(Error);
  });

  it('refuses a default export that is neither a reporter nor a factory of one', async () => {
    await writeFile(join(folder, 'number.ts'), 'export default 42;\n');
    await writeFile(join(folder, 'empty.ts'), 'export default () => ({});\n');
    await writeFile(join(folder, 'throws.ts'), `export default () => { throw new Error('needs a url'); };\n`);
    expect((await failure(loadReporters(['./number.ts'], folder))).message).toBe(
      'reporters[0]: cannot load ./number.ts: its default export is neither a reporter (an object with onEvent or render) nor a function returning one',
    );
    expect((await failure(loadReporters(['./empty.ts'], folder))).message).toBe(
      'reporters[0]: cannot load ./empty.ts: its factory returned no reporter (an object with onEvent or render)',
    );
    const thrown = await failure(loadReporters(['./throws.ts'], folder));
    expect(thrown.message).toBe('reporters[0]: cannot load ./throws.ts: its factory threw: needs a url');
    expect((thrown.cause as Error).message).toBe('needs a url');
  });
});

describe('notifyReporters', () => {
  it('awaits each reporter before the next, and lets a reporter\'s error through', async () => {
    const seen: string[] = [];
    const slow = { onEvent: async () => { seen.push('slow started'); for (let step = 0; step < 5; step += 1) await Promise.resolve(); seen.push('slow done'); } };
    const quick = { onEvent: () => { seen.push('quick'); } };
    await notifyReporters([{ name: 'slow', reporter: slow }, { name: 'quick', reporter: quick }, { name: 'files', reporter: { render: () => [] } }], events[0]!);
    expect(seen).toEqual(['slow started', 'slow done', 'quick']);
    const faulty = { onEvent: () => { throw new Error('reporter bug'); } };
    await expect(notifyReporters([{ name: 'faulty', reporter: faulty }], events[1]!)).rejects.toThrow('reporter bug');
  });
});
