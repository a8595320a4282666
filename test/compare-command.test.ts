import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { constantMockProfiles, startMockServer, type MockServer } from '../src/mock/index.ts';
import { runCli } from './support/run-cli.ts';
import { unwrapLines } from './support/unwrap-lines.ts';
import { jsonl, makeWorkspace } from './support/run-folder.ts';

// 60 sums, answered from an answer book: right for every case, or with the first 10 turned wrong.
const cases = Array.from({ length: 60 }, (_, index) => ({ id: `sum-${index + 1}`, prompt: `What is ${index + 1} plus ${index + 1}?`, expected: String(2 * (index + 1)) }));
const book = (wrongCases: number) => jsonl(cases.map((item, index) => ({ match: { caseId: item.id }, reply: index < wrongCases ? 'I am not sure.' : item.expected })));

/**
 * `llm-bench compare` on run folders the real CLI wrote against a local simulator: a run with
 * 10 of 60 answers turned wrong is *worse*, lists the 10 flipped cases, and fails --max-drop 5
 * (exit 4); two runs of the same answers show no detectable change and exit 0.
 */
describe('llm-bench compare', () => {
  let workspace: Awaited<ReturnType<typeof makeWorkspace>>;
  let server: MockServer;
  const folder = (name: string) => path.join(workspace.path, name);

  beforeAll(async () => {
    workspace = await makeWorkspace();
    await workspace.write('cases.jsonl', jsonl(cases));
    const model = (id: string, bookFile: string) => ({ id, ttftMs: 5, tokensPerSecond: 2000, tokensPerChunk: 8, answer: { policy: 'book' as const, path: bookFile, fallback: 'fixed' as const, fallbackText: 'NO BOOK ENTRY' } });
    const [right, wrong] = await Promise.all([workspace.write('right.answers.jsonl', book(0)), workspace.write('wrong.answers.jsonl', book(10))]);
    server = await startMockServer({ profiles: constantMockProfiles(model('right', right), model('wrong', wrong)), cases: cases.map((item) => ({ id: item.id, prompt: item.prompt })) });
    // One label for both models: the runs differ in their answers alone.
    const runOn = async (model: string, out: string, more: string[] = []) => {
      const result = await runCli(['run', '-d', 'cases.jsonl', '-t', `sums=openai-compatible:${model}@${server.url}/v1`, '--warmup', '0', '--concurrency', '16', '--quiet', '--out', out, ...more], { cwd: workspace.path, timeoutMs: 170_000 });
      expect(result.stderr).toBe('');
      expect(result.exitCode).toBe(0);
    };
    await Promise.all([
      runOn('right', 'base', ['--temperature', '0']),
      runOn('right', 'again', ['--temperature', '0']),
      runOn('wrong', 'regressed', ['--temperature', '0']),
      runOn('right', 'hot', ['--temperature', '0.7']),
    ]);
  }, 240_000);
  afterAll(async () => {
    await server?.close();
    await workspace?.remove();
  });

  it('calls 10 of 60 answers turned wrong worse, lists them, and fails --max-drop 5 with exit 4', async () => {
    const summary = await workspace.write('step-summary.md', '# earlier step\n');
    const result = await runCli(['compare', 'base', 'regressed', '--max-drop', '5'], { cwd: workspace.path, env: { GITHUB_STEP_SUMMARY: summary } });
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(4);
    expect(result.stdout).toMatch(/│ sums\s+│\s+60 │ -16\.7 \[[^\]]+\] │\s+0\.0020 │\s+worse │\s+10\/0 │/);
    expect(unwrapLines(result.stdout)).toContain(`10 passed in the base and fail now: ${cases.slice(0, 10).map((item) => item.id).join(', ')}`);
    expect(result.stdout).toMatch(/GATE FAILED pass_rate drop <= 5: sums: /);
    const markdown = await readFile(folder('regressed/comparison.md'), 'utf8');
    expect(markdown).toContain('**worse**');
    expect(markdown).toContain('**FAILED**');
    expect(markdown).toContain('passed in the base, fail now (10): `sum-1`, `sum-2`');
    expect(await readFile(summary, 'utf8')).toBe(`# earlier step\n\n${markdown}`);
    const json = JSON.parse(await readFile(folder('regressed/comparison.json'), 'utf8'));
    expect(json.comparisons[0].passRate).toMatchObject({ cases: 60, base: 1, verdict: 'worse', method: 'exact McNemar' });
    expect(json.comparisons[0].passRate.difference).toBeCloseTo(-10 / 60, 12);
    expect(json.comparisons[0].passRate.interval.high).toBeLessThan(0);
    expect(json.gates).toMatchObject([{ gate: 'pass_rate drop <= 5', passed: false }]);
    // comparison.html: the same verdict and flipped cases, on a page that runs no script.
    const html = await readFile(folder('regressed/comparison.html'), 'utf8');
    expect(html).toContain('Content-Security-Policy');
    expect(html).toContain('sum-10');
    expect(html).not.toContain('<script');
    // The regressed run's answers came from another model under the same label: said, not hidden.
    expect(json.warnings).toEqual([{ setting: 'model', target: 'sums', base: 'right', current: 'wrong', message: 'target sums: model right in the base, wrong in the current run' }]);
  });

  it('warns when the runs were sent with another temperature: in the terminal, comparison.md and comparison.json', async () => {
    const result = await runCli(['compare', 'base', 'hot'], { cwd: workspace.path });
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect(unwrapLines(result.stdout)).toContain('Warning: the runs differ in what changes answers, so a difference may not be the change you made: temperature 0 in the base, 0.7 in the current run.');
    expect(await readFile(folder('hot/comparison.md'), 'utf8')).toContain('**Warning:** temperature 0 in the base, 0\\.7 in the current run');
    const json = JSON.parse(await readFile(folder('hot/comparison.json'), 'utf8'));
    expect(json.warnings).toEqual([{ setting: 'temperature', base: '0', current: '0.7', message: 'temperature 0 in the base, 0.7 in the current run' }]);
    // Two runs sent alike: no warning anywhere.
    const alike = await runCli(['compare', 'base', 'again'], { cwd: workspace.path });
    expect(alike.exitCode).toBe(0);
    expect(alike.stdout).toContain('no change');
    expect(alike.stdout).not.toContain('Warning');
    expect(await readFile(folder('again/comparison.md'), 'utf8')).not.toContain('Warning');
  });

  it('shows no detectable change between two runs of the same answers, and exits 0 under the same gate', async () => {
    const result = await runCli(['compare', 'base', 'again', '--max-drop', '5', '--json'], { cwd: workspace.path });
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    // --json: the comparison alone on stdout.
    const json = JSON.parse(result.stdout);
    expect(json.comparisons[0].passRate).toMatchObject({ cases: 60, difference: 0, pValue: 1, verdict: 'no detectable change' });
    expect(json.comparisons[0].flips).toEqual({ worse: [], better: [] });
    expect(json.gates).toMatchObject([{ passed: true }]);
    // Sent alike: no warning.
    expect(json.warnings).toEqual([]);
  });

  it('refuses a gate on an unknown figure with exit 2, naming a close one, and writes nothing', async () => {
    const result = await runCli(['compare', 'base', 'again', '--gate', 'pass_rte >= 0.9', '--out', 'nowhere'], { cwd: workspace.path });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/--gate "pass_rte >= 0\.9": .*did you mean pass_rate\?/);
    await expect(readFile(folder('nowhere/comparison.md'))).rejects.toThrow(/ENOENT/);
  });

  it('refuses a bare --gate (an unset variable) with exit 2, instead of reading it as no gate', async () => {
    const result = await runCli(['compare', 'base', 'regressed', '--gate'], { cwd: workspace.path });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('Expected --gate to be followed by a value');
  });

  it('makes a missing --out folder, refuses one that is a file with exit 2, and keeps exit 4 when the step summary cannot be written', async () => {
    const made = await runCli(['compare', 'base', 'regressed', '--max-drop', '5', '--out', 'new/folder'], { cwd: workspace.path, env: { GITHUB_STEP_SUMMARY: folder('no-such-folder/summary.md') } });
    expect(made.exitCode).toBe(4);
    expect(made.stderr).toMatch(/warning: cannot append to \$GITHUB_STEP_SUMMARY .*ENOENT/);
    expect(await readFile(folder('new/folder/comparison.md'), 'utf8')).toContain('**FAILED**');
    const file = await workspace.write('a-file', '');
    const refused = await runCli(['compare', 'base', 'again', '--out', file], { cwd: workspace.path });
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toMatch(/a-file: cannot write comparison\.md, comparison\.json and comparison\.html there \(E[A-Z]+\)/);
  });

  it('refuses a folder that holds no run with exit 2', async () => {
    const result = await runCli(['compare', 'base', 'nothing-here'], { cwd: workspace.path });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/nothing-here: no such run folder/);
  });
});
