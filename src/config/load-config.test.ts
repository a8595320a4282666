import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DatasetError, InputError } from './errors.ts';
import { loadConfig } from './load-config.ts';

let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'llm-bench-config-'));
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

async function write(name: string, text: string): Promise<string> {
  const file = path.join(folder, name);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, text);
  return file;
}

/** The problems a load is refused with, one per line. */
async function problemsOf(options: { config?: string }): Promise<string[]> {
  const error: unknown = await loadConfig({ cwd: folder, ...options }).then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(error).toBeInstanceOf(DatasetError);
  return (error as DatasetError).problems;
}

describe('loadConfig: finding the file', () => {
  it('is undefined when the folder has no eval file and none is named', async () => {
    expect(await loadConfig({ cwd: folder })).toBeUndefined();
  });

  it('takes llm-bench.yaml before llm-bench.json and llm-bench.config.ts', async () => {
    await write('llm-bench.config.ts', 'export default { judge: "from-ts" };');
    await write('llm-bench.json', '{"judge": "from-json"}');
    expect((await loadConfig({ cwd: folder }))?.definition.judge).toBe('from-json');
    await write('llm-bench.yaml', 'judge: from-yaml\n');
    const loaded = await loadConfig({ cwd: folder });
    expect(loaded?.file).toBe(path.join(folder, 'llm-bench.yaml'));
    expect(loaded?.definition.judge).toBe('from-yaml');
  });

  it('reads the file --config names, relative to cwd, and says so when it is missing', async () => {
    await write('evals/nightly.yml', 'judge: nightly\n');
    expect((await loadConfig({ cwd: folder, config: 'evals/nightly.yml' }))?.definition.judge).toBe('nightly');
    await expect(loadConfig({ cwd: folder, config: 'evals/missing.yaml' })).rejects.toThrow('eval file not found: evals/missing.yaml');
    await write('evals/notes.txt', 'judge: x\n');
    await expect(loadConfig({ cwd: folder, config: 'evals/notes.txt' })).rejects.toThrow(/evals\/notes\.txt: expected a \.yaml, \.yml, \.json/);
  });
});

describe('loadConfig: problems', () => {
  it('reports every problem at once as file:line: path: message, in file order, with a did-you-mean', async () => {
    await write(
      'llm-bench.yaml',
      [
        'datasets: 3', // 1
        'targets:', // 2
        '  - openai:gpt-4o-mini', // 3
        '  - target: anthropic:claude-haiku', // 4
        '    lable: haiku', // 5
        'run:', // 6
        '  concurency: 4', // 7
        '  max-tokens: 100', // 8
        '  repeats: 0', // 9
        'concurrency: 2', // 10
        'reporter: [report-html]', // 11
        'frobnicate: true', // 12
        '',
      ].join('\n'),
    );
    expect(await problemsOf({})).toEqual([
      'llm-bench.yaml:1: datasets: expected string or array, got number 3',
      'llm-bench.yaml:5: targets[1].lable: unknown field; did you mean targets[1].label?',
      'llm-bench.yaml:7: run.concurency: unknown field; did you mean run.concurrency?',
      'llm-bench.yaml:8: run.max-tokens: unknown field; did you mean run.maxTokens?',
      'llm-bench.yaml:9: run.repeats: expected an integer from 1 to 100000, got 0',
      'llm-bench.yaml:10: concurrency: unknown field; did you mean run.concurrency?',
      'llm-bench.yaml:11: reporter: unknown field; did you mean reporters?',
      expect.stringMatching(/^llm-bench\.yaml:12: frobnicate: unknown field \(known: \$schema, description, datasets, targets, .*\)$/),
    ]);
  });

  it('refuses a file that is not a mapping, and an empty one, in one message', async () => {
    await write('llm-bench.yaml', '- datasets/smoke.jsonl\n');
    expect(await problemsOf({})).toEqual(['llm-bench.yaml:1: (file): expected a mapping of settings such as datasets, targets and run, got a list']);
    await write('llm-bench.yaml', '# nothing yet\n');
    expect(await problemsOf({})).toEqual(['llm-bench.yaml:1: (file): empty: expected a mapping of settings such as datasets, targets and run']);
  });

  it('reports YAML syntax errors and alias bombs at their line', async () => {
    await write('bad.yaml', 'judge: a\nrun: [unclosed\n');
    expect(await problemsOf({ config: 'bad.yaml' })).toEqual([expect.stringMatching(/^bad\.yaml:\d: \(yaml\): .+/)]);
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]', ...'bcdefg'.split('').map((name, index) => `${name}: &${name} [${Array(10).fill(`*${'abcdefg'[index]}`).join(', ')}]`)].join('\n');
    await write('bomb.yaml', `${bomb}\n`);
    expect(await problemsOf({ config: 'bomb.yaml' })).toEqual([expect.stringMatching(/^bomb\.yaml:\d: \w+: the YAML library refuses it: .*alias/i)]);
  });

  it('refuses a second YAML document at its line, in its own words rather than the parser API advice', async () => {
    await write('llm-bench.yaml', '---\njudge: a\n---\njudge: b\n');
    expect(await problemsOf({})).toEqual(['llm-bench.yaml:3: (yaml): more than one YAML document (---); an eval file is one document']);
    await write('llm-bench.yaml', '---\ndatasets: [a.jsonl]\n...\n');
    expect((await loadConfig({ cwd: folder }))?.definition.datasets).toEqual([path.join(folder, 'a.jsonl')]);
  });

  it('holds JSON to JSON, refuses a key written twice, and gives lines for its problems', async () => {
    await write('llm-bench.json', '{\n  "judge": "a",\n  // a comment\n}\n');
    expect(await problemsOf({})).toEqual([expect.stringMatching(/^llm-bench\.json:3: \(json\): .+/)]);
    await write('llm-bench.json', '{\n  "judge": "a",\n  "judge": "b"\n}\n');
    expect(await problemsOf({})).toEqual([expect.stringMatching(/^llm-bench\.json:3: \(json\): Map keys must be unique/)]);
    await write('llm-bench.json', '{\n  "run": {\n    "timeout_ms": 5\n  }\n}\n');
    expect(await problemsOf({})).toEqual(['llm-bench.json:3: run.timeout_ms: unknown field; did you mean run.timeoutMs?']);
  });
});

describe('loadConfig: paths', () => {
  it("resolves the file's paths against its own folder, not the working folder", async () => {
    await write(
      'evals/llm-bench.yaml',
      [
        'datasets: [qa/*.jsonl, /data/abs.jsonl]',
        'prompts: [prompts/short.yaml]',
        'prices: ../prices.yaml',
        'out: reports/nightly',
        'run: { cacheDir: .cache }',
        'reporters: [report-html, ./my-reporter.ts, [../shared/reporter.mjs, { limit: 3 }], [summary-csv, {}]]',
        'judge: openai:gpt-4o',
        '',
      ].join('\n'),
    );
    const base = path.join(folder, 'evals');
    const loaded = await loadConfig({ cwd: folder, config: 'evals/llm-bench.yaml' });
    expect(loaded?.definition).toEqual({
      datasets: [path.join(base, 'qa/*.jsonl'), '/data/abs.jsonl'],
      prompts: [path.join(base, 'prompts/short.yaml')],
      prices: path.join(folder, 'prices.yaml'),
      out: path.join(base, 'reports/nightly'),
      run: { cacheDir: path.join(base, '.cache') },
      reporters: ['report-html', path.join(base, 'my-reporter.ts'), [path.join(folder, 'shared/reporter.mjs'), { limit: 3 }], ['summary-csv', {}]],
      judge: 'openai:gpt-4o',
    });
  });

  it('gives the line of a key for later messages', async () => {
    await write('llm-bench.yaml', 'judge: a\nrun:\n  repeats: 2\ntargets:\n  - x\n  - y\n');
    const loaded = await loadConfig({ cwd: folder });
    expect(loaded?.lineOf(['run', 'repeats'])).toBe(3);
    expect(loaded?.lineOf(['targets', 1])).toBe(6);
    expect(loaded?.lineOf(['budget', 'maxCost'])).toBe(1);
  });
});

describe('loadConfig: TypeScript and JavaScript configs', () => {
  const defineConfig = path.resolve(import.meta.dirname, 'eval-definition.ts');

  it('takes the default export of a .ts file, an object or a function returning a promise of one', async () => {
    await write('llm-bench.config.ts', `import { defineConfig } from ${JSON.stringify(defineConfig)};\nconst repeats: number = 3;\nexport default defineConfig({ datasets: 'smoke.jsonl', run: { repeats } });\n`);
    const loaded = await loadConfig({ cwd: folder });
    expect(loaded?.definition).toEqual({ datasets: path.join(folder, 'smoke.jsonl'), run: { repeats: 3 } });
    expect(loaded?.lineOf(['run', 'repeats'])).toBeUndefined();
    await write('other.config.mjs', 'export default async () => ({ judge: "openai:gpt-4o" });\n');
    expect((await loadConfig({ cwd: folder, config: 'other.config.mjs' }))?.definition).toEqual({ judge: 'openai:gpt-4o' });
  });

  it('checks it with the same schema, without lines', async () => {
    await write('llm-bench.config.ts', 'export default { run: { concurency: 4 } };\n');
    expect(await problemsOf({})).toEqual(['llm-bench.config.ts: run.concurency: unknown field; did you mean run.concurrency?']);
  });

  it('refuses a module that throws on import, keeping the error as cause', async () => {
    await write('llm-bench.config.ts', 'throw new Error("no network here");\nexport default {};\n');
    const error: unknown = await loadConfig({ cwd: folder }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toBe('llm-bench.config.ts: cannot load it: no network here');
    expect(((error as InputError).cause as Error).message).toBe('no network here');
  });

  it('refuses a module without a default export', async () => {
    await write('llm-bench.config.js', 'export const config = {};\n');
    await expect(loadConfig({ cwd: folder })).rejects.toThrow('llm-bench.config.js: no default export');
  });
});
