import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InputError } from '../config/errors.ts';
import { caseKey } from '../records/case-key.ts';
import { makeAttempt } from '../stats/make-attempt.ts';
import { comparedRunFrom, loadComparedRun, readComparedManifest } from './load-compared-run.ts';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'llm-bench-compared-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const manifest = (overrides: Record<string, unknown> = {}) => ({
  runId: 'run-1',
  startedAt: '2026-12-01T10:00:00.000Z',
  finishedAt: '2026-12-01T10:05:00.000Z',
  status: 'completed',
  identity: { datasetSha256: 'x', targets: ['openai:gpt-4o-mini'], prompts: [`terse ${'a'.repeat(64)}`, `with spaces v2 ${'b'.repeat(64)}`], repeats: 1 },
  targets: [
    { label: 'openai:gpt-4o-mini', simulated: true },
    { label: 'openai:gpt-4o', simulated: false },
  ],
  datasets: [{ name: 'smoke', path: '/data/smoke.jsonl', sha256: 'x', cases: 3, caseHashes: { q2: 'h2', q1: 'h1' } }],
  ...overrides,
});

async function runFolder(name: string, runJson: unknown, lines: unknown[] | string | undefined): Promise<string> {
  const folder = join(root, name);
  await mkdir(folder);
  await writeFile(join(folder, 'run.json'), typeof runJson === 'string' ? runJson : JSON.stringify(runJson));
  if (lines !== undefined) await writeFile(join(folder, 'results.jsonl'), typeof lines === 'string' ? lines : lines.map((line) => `${JSON.stringify(line)}\n`).join(''));
  return folder;
}

// Written as JSON text: a `__proto__` key in an object literal would set the prototype instead.
const withProtoCase = (value: ReturnType<typeof manifest>) => JSON.stringify(value).replace('"q1":"h1"', '"q1":"h1","__proto__":"hp"');

describe('loadComparedRun', () => {
  it('reads the plan, the hashes and the records of a run folder', async () => {
    const records = [makeAttempt({ caseId: 'q2', prompt: 'terse' }), makeAttempt({ caseId: 'q1', prompt: 'terse', target: 'openai:gpt-4o' })];
    const folder = await runFolder('base', withProtoCase(manifest()), records);
    const run = await loadComparedRun(folder);
    expect(run).toMatchObject({ folder, runId: 'run-1', startedAt: '2026-12-01T10:00:00.000Z', finishedAt: '2026-12-01T10:05:00.000Z', incomplete: false });
    expect(run.simulatedTargets).toEqual(['openai:gpt-4o-mini']);
    expect(run.records).toEqual(records);
    expect(run.cases).toEqual([{ caseId: 'q2' }, { caseId: 'q1' }, { caseId: '__proto__' }]);
    expect([...(run.caseHashes ?? [])]).toEqual([
      [caseKey({ caseId: 'q2' }), 'h2'],
      [caseKey({ caseId: 'q1' }), 'h1'],
      [caseKey({ caseId: '__proto__' }), 'hp'],
    ]);
    // Prompt variant × target, as planRun orders them; the file's hash is not part of the label.
    expect(run.pairs).toEqual([
      { target: 'openai:gpt-4o-mini', prompt: 'terse' },
      { target: 'openai:gpt-4o', prompt: 'terse' },
      { target: 'openai:gpt-4o-mini', prompt: 'with spaces v2' },
      { target: 'openai:gpt-4o', prompt: 'with spaces v2' },
    ]);
  });

  it('reads what changes answers: temperature, max tokens, the judge, each target, each prompt variant and its hash', async () => {
    const targets = [
      { label: 'openai:gpt-4o-mini', model: 'gpt-4o-mini', endpoint: 'http://127.0.0.1:4000/v1', simulated: true },
      { label: 'router', model: 'gpt-4o', route: 'azure,openai', endpoint: 'https://openrouter.ai/api/v1', simulated: false },
    ];
    const settings = { repeats: 1, temperature: 0.2, maxTokens: 300, judge: 'openai:gpt-4o' };
    const run = await loadComparedRun(await runFolder('settings', manifest({ targets, settings }), []));
    expect(run.answerSettings).toEqual({
      temperature: 0.2,
      maxTokens: 300,
      judge: 'openai:gpt-4o',
      targets,
      prompts: new Map([
        ['terse', 'a'.repeat(64)],
        ['with spaces v2', 'b'.repeat(64)],
      ]),
    });
    // A run.json from before settings were recorded: nothing to compare, so no warning later.
    expect((await loadComparedRun(await runFolder('older', manifest(), []))).answerSettings).toBeUndefined();
  });

  it('gives from run.json and records in hand what it gives from the folder (the gates of run reuse the records they hold)', async () => {
    // Two attempts at one slot, the first not yet marked as superseded: the latest is made final either way.
    const first = makeAttempt({ caseId: 'q1', prompt: 'terse' });
    const records = [{ ...first, final: true }, makeAttempt({ caseId: 'q1', prompt: 'terse', attempt: 2 }), makeAttempt({ caseId: 'q2', prompt: 'terse' })];
    const folder = await runFolder('same', manifest({ settings: { temperature: 1 } }), records);
    const fromFolder = await loadComparedRun(folder);
    const fromMemory = comparedRunFrom(folder, await readComparedManifest(folder), records);
    expect(fromMemory).toEqual(fromFolder);
    expect(fromMemory.records.map((record) => record.final)).toEqual([false, true, true]);
  });

  it('names the cases of several datasets by their dataset, as records do', async () => {
    const datasets = [
      { name: 'smoke', cases: 1, caseHashes: { q1: 'h1' } },
      { name: 'math', cases: 1, caseHashes: { q1: 'h9' } },
    ];
    const run = await loadComparedRun(await runFolder('two', manifest({ datasets }), []));
    expect(run.datasets).toEqual(['smoke', 'math']);
    expect(run.cases).toEqual([{ dataset: 'smoke', caseId: 'q1' }, { dataset: 'math', caseId: 'q1' }]);
    expect(run.caseHashes?.get(caseKey({ dataset: 'math', caseId: 'q1' }))).toBe('h9');
  });

  it('loads a run from before case hashes: its cases from its records, in the order sent, and no hashes', async () => {
    const datasets = [{ name: 'smoke', path: '/data/smoke.jsonl', sha256: 'x', cases: 3 }];
    const records = [makeAttempt({ caseId: 'b' }), makeAttempt({ caseId: 'a' }), makeAttempt({ caseId: 'b', repeat: 2 })];
    const run = await loadComparedRun(await runFolder('old', manifest({ datasets, identity: undefined }), records));
    expect(run.caseHashes).toBeUndefined();
    expect(run.cases).toEqual([{ caseId: 'b' }, { caseId: 'a' }]);
    // No prompt variants recorded: the pairs come from the records.
    expect(run.pairs).toEqual([{ target: 'openai:gpt-4o-mini', prompt: 'default' }]);
  });

  it('counts a run that did not complete as incomplete, and a slot cut short by its latest attempt', async () => {
    const cut = [makeAttempt({ caseId: 'q1', final: false, error: { type: 'timeout', message: 'timed out' } })];
    const run = await loadComparedRun(await runFolder('killed', manifest({ status: 'running', finishedAt: undefined }), cut));
    expect(run.incomplete).toBe(true);
    expect(run.finishedAt).toBeUndefined();
    expect(run.records.map((record) => record.final)).toEqual([true]);
  });

  it('leaves a torn last line out without cutting it from the file', async () => {
    const text = `${JSON.stringify(makeAttempt({ caseId: 'q1' }))}\n{"caseId":"q2","tar`;
    const folder = await runFolder('torn', manifest(), text);
    const run = await loadComparedRun(folder);
    expect(run.records.map((record) => record.caseId)).toEqual(['q1']);
    expect(await readFile(join(folder, 'results.jsonl'), 'utf8')).toBe(text);
  });

  it('refuses, naming the folder, what is not a run folder or holds a damaged run', async () => {
    const refusal = async (folder: string) => {
      const error = await loadComparedRun(folder).then(() => undefined, (thrown: unknown) => thrown);
      expect(error).toBeInstanceOf(InputError);
      return (error as InputError).message;
    };
    expect(await refusal(join(root, 'missing'))).toBe(`${join(root, 'missing')}: no such run folder`);
    await mkdir(join(root, 'empty'));
    expect(await refusal(join(root, 'empty'))).toBe(`${join(root, 'empty')}: not a run folder (no run.json)`);
    expect(await refusal(await runFolder('not-json', '{"runId":', []))).toBe(`${join(root, 'not-json')}: cannot read run.json (not JSON)`);
    expect(await refusal(await runFolder('no-id', manifest({ runId: 7 }), []))).toMatch(/no-id: run\.json is damaged \(runId: .*\)$/);
    const badLine = `${JSON.stringify(makeAttempt())}\n{"caseId": 3}\n${JSON.stringify(makeAttempt())}\n`;
    expect(await refusal(await runFolder('bad-line', manifest(), badLine))).toMatch(/bad-line[\\/]results\.jsonl:2: not an llm-bench result record/);
  });
});
