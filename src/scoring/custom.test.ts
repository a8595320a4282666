import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { importCustomScorer } from '../datasets/import-custom-scorer.ts';
import { scoreCase } from './score-case.ts';
import { scoreWith, testCase } from './test/score-with.ts';

let folder: string;
let outside: string;
beforeAll(async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'llm-bench-custom-'));
  outside = await mkdtemp(path.join(tmpdir(), 'llm-bench-outside-'));
  await mkdir(path.join(folder, 'scorers'));
  await writeFile(
    path.join(folder, 'scorers', 'length.ts'),
    'export default (input: { output: string }, assertion: { value?: number }) => {\n' +
      '  const passed = input.output.length <= (assertion.value ?? 10);\n' +
      '  return { score: passed ? 1 : 0, passed, reason: `length ${input.output.length}` };\n};\n',
  );
  await writeFile(path.join(folder, 'broken.js'), 'export default () => ({ score: 5 });\n');
  await writeFile(path.join(folder, 'throws.mjs'), 'export default () => { throw new Error("boom"); };\n');
  await writeFile(path.join(folder, 'no-default.js'), 'export const x = 1;\n');
  await writeFile(path.join(folder, 'throws-null.mjs'), 'export default () => { throw null; };\n');
  await writeFile(path.join(folder, 'never.mjs'), 'export default () => new Promise(() => {});\n');
  await writeFile(path.join(folder, 'long-reason.mjs'), 'export default () => ({ score: 1, passed: true, reason: "x".repeat(100000) });\n');
  await writeFile(path.join(outside, 'evil.js'), 'export default () => ({ score: 1, passed: true, reason: "escaped" });\n');
  await symlink(outside, path.join(folder, 'link'));
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
  await rm(outside, { recursive: true, force: true });
});

describe('custom', () => {
  it('imports the module from the dataset folder and passes it the assertion', async () => {
    const assertion = { type: 'custom', module: 'scorers/length.ts', value: 5 };
    expect(await scoreWith(assertion, 'short', { datasetDir: folder })).toEqual({ score: 1, passed: true, reason: 'length 5' });
    expect(await scoreWith(assertion, 'too long', { datasetDir: folder })).toMatchObject({ passed: false });
  });

  it('refuses paths that leave the folder, including through a symlink', async () => {
    for (const module of ['../evil.js', `${outside}/evil.js`, 'link/evil.js']) {
      const score = await scoreWith({ type: 'custom', module }, 'x', { datasetDir: folder });
      expect(score.passed, module).toBe(false);
      expect(score.reason, module).toMatch(/^module: /);
    }
  });

  it('fails a module that returns something other than a Score, or has no default export', async () => {
    expect((await scoreWith({ type: 'custom', module: 'broken.js' }, 'x', { datasetDir: folder })).reason).toMatch(/returned \{"score":5\}, not/);
    await expect(scoreWith({ type: 'custom', module: 'no-default.js' }, 'x', { datasetDir: folder })).rejects.toThrow('has no default export function');
    await expect(scoreWith({ type: 'custom', module: 'throws.mjs' }, 'x', { datasetDir: folder })).rejects.toThrow('boom');
  });

  it('fails an answer whose scorer throws something that is not an Error (throw null), with a reason', async () => {
    const score = await scoreCase({ ...testCase, assert: [{ type: 'custom', module: 'throws-null.mjs' }] }, { output: 'x' }, { datasetDir: folder });
    expect(score).toMatchObject({ passed: false, score: 0, reason: expect.stringContaining('scorer failed: threw null') });
  });

  it('fails an answer whose scorer never returns, after its timeout, instead of holding the run', async () => {
    await importCustomScorer(path.join(folder, 'never.mjs'), 'never.mjs');
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const pending = scoreWith({ type: 'custom', module: 'never.mjs' }, 'x', { datasetDir: folder });
      const outcome = pending.then(() => 'returned', (error: Error) => error.message);
      await vi.advanceTimersByTimeAsync(60_000);
      expect(await outcome).toBe('custom scorer never.mjs did not return within 60 s');
    } finally {
      vi.useRealTimers();
    }
  });

  it('cuts a reason longer than 10,000 characters', async () => {
    const score = await scoreWith({ type: 'custom', module: 'long-reason.mjs' }, 'x', { datasetDir: folder });
    expect(score.reason).toHaveLength(10_001);
  });
});
