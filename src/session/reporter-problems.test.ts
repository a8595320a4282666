import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LineCounter, parseDocument } from 'yaml';
import { formatPath } from '../config/format-issues.ts';
import { yamlLine } from '../config/yaml-line.ts';
import type { ReporterSetting } from '../reports/index.ts';
import { reporterProblems } from './reporter-problems.ts';

/** An eval file's reporters, and a `place` that points at their lines as the config loader does. */
function evalFile(text: string): { entries: ReporterSetting[]; place: (path: PropertyKey[]) => string } {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter });
  const { reporters } = document.toJS() as { reporters: ReporterSetting[] };
  return { entries: reporters, place: (path) => `llm-bench.yaml:${yamlLine(document, lineCounter, path) ?? 1}: ${formatPath(path)}` };
}

let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'llm-bench-reporter-problems-'));
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe('reporterProblems', () => {
  it('gives every problem of an eval file\'s reporters at once, each at its line', async () => {
    const { entries, place } = evalFile('datasets: [smoke.jsonl]\nreporters:\n  - [report-html, {filename: x.html}]\n  - summary-jsn\n');
    expect(await reporterProblems(entries, folder, place)).toEqual([
      'llm-bench.yaml:3: reporters[0][1].filename: unknown field; did you mean fileName?',
      'llm-bench.yaml:4: reporters[1]: unknown reporter "summary-jsn"; did you mean summary-json? (reporters: results-csv, summary-csv, summary-json, comparison-csv, report-html, report-md; or a module path such as ./my-reporter.ts)',
    ]);
  });

  it('refuses two built-ins writing one file, at the later one\'s fileName', async () => {
    const { entries, place } = evalFile('reporters: [results-csv, [summary-csv, {fileName: results.csv}]]\n');
    expect(await reporterProblems(entries, folder, place)).toEqual([
      'llm-bench.yaml:1: reporters[1][1].fileName: results.csv is also written by results-csv, an earlier reporter; give one of them another fileName',
    ]);
  });

  it('refuses the same built-in twice, as flags name it', async () => {
    const flag = (path: PropertyKey[]) => `--reporter ${String(['summary-csv', 'summary-csv'][path[1] as number])}`;
    expect(await reporterProblems(['summary-csv', 'summary-csv'], folder, flag)).toEqual([
      '--reporter summary-csv: summary.csv is also written by summary-csv, an earlier reporter; name it once, or give one another fileName',
    ]);
  });

  it('names a module path that does not exist', async () => {
    const { entries, place } = evalFile('reporters:\n  - summary-json\n  - [./missing-reporter.ts, {verbose: true}]\n');
    expect(await reporterProblems(entries, folder, place)).toEqual([
      `llm-bench.yaml:3: reporters[1][0]: cannot load ./missing-reporter.ts: no such file ${join(folder, 'missing-reporter.ts')}`,
    ]);
  });

  it('gives every kind of problem at once, in the file\'s order, and nothing when all is well', async () => {
    await writeFile(join(folder, 'broken.ts'), `throw new Error('boom at import');\nexport default {};\n`);
    const { entries, place } = evalFile(
      [
        'reporters:',
        '  - summary-csv',
        '  - ./broken.ts',
        '  - [report-html, {fileName: ../up.html}]',
        '  - [summary-json, {fileName: summary.csv}]',
        '  - ./missing.ts',
        '  - repot-html',
        '',
      ].join('\n'),
    );
    expect(await reporterProblems(entries, folder, place)).toEqual([
      'llm-bench.yaml:3: reporters[1]: cannot load ./broken.ts: boom at import',
      'llm-bench.yaml:4: reporters[2][1].fileName: expected a plain file name without a folder, got "../up.html"',
      'llm-bench.yaml:5: reporters[3][1].fileName: summary.csv is also written by summary-csv, an earlier reporter; give one of them another fileName',
      `llm-bench.yaml:6: reporters[4]: cannot load ./missing.ts: no such file ${join(folder, 'missing.ts')}`,
      expect.stringMatching(/^llm-bench\.yaml:7: reporters\[5\]: unknown reporter "repot-html"; did you mean report-html\? /),
    ]);
    expect(await reporterProblems(undefined, folder, place)).toEqual([]);
    expect(await reporterProblems(['summary-csv', ['report-html', { fileName: 'index.html' }]], folder, place)).toEqual([]);
  });
});
