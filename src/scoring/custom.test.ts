import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scoreWith } from './test/score-with.ts';

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
});
