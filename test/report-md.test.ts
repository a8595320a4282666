import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './support/run-cli.ts';
import { jsonl, makeWorkspace } from './support/run-folder.ts';

const cases = [
  { id: 'capital', prompt: 'What is the capital of France?', expected: 'Paris' },
  { id: 'sum', prompt: 'What is 2 plus 2?', expected: '4' },
  { id: 'sky', prompt: 'What colour is the sky on a clear day?', expected: 'blue' },
];

/** report.md in a GitHub Actions job: written with the other reports, and appended to the step summary. */
describe('report.md and $GITHUB_STEP_SUMMARY', () => {
  let workspace: Awaited<ReturnType<typeof makeWorkspace>>;
  const inWorkspace = (...parts: string[]) => join(workspace.path, ...parts);

  beforeAll(async () => {
    workspace = await makeWorkspace();
    await workspace.write('cases.jsonl', jsonl(cases));
  });
  afterAll(async () => {
    await workspace?.remove();
  });

  it('run appends report.md, with its gate line, after what earlier steps wrote; report rewrites the same report.md', async () => {
    const summary = await workspace.write('summary.md', '## An earlier step\n');
    const targets = ['-t', 'simulated:openai/gpt-4o-mini@openai', '-t', 'simulated:openai/gpt-4o'];
    const result = await runCli(['run', '-d', 'cases.jsonl', ...targets, '--warmup', '0', '--gate', 'success_rate >= 0.1', '--out', 'gated'], {
      cwd: workspace.path,
      env: { GITHUB_STEP_SUMMARY: summary },
      timeoutMs: 120_000,
    });
    expect(result.stderr).not.toContain('warning');
    expect(result.exitCode).toBe(0);
    const report = await readFile(inWorkspace('gated', 'report.md'), 'utf8');
    expect(await readFile(summary, 'utf8')).toBe(`## An earlier step\n\n${report}`);
    expect(report.split('\n')[0]).toBe('## llm-bench run `gated` · SIMULATED · ✅ gates passed');
    expect(report).toContain('3 cases of `cases` × 2 targets');
    expect(report).toMatch(/\n\| openai\/gpt\\-4o\\-mini@openai \| 3 \| [\d.]+ \[\d+–\d+\] \| 100\.0 \[44–100\] \| none \|/);
    expect(report).toMatch(/\n### Gates: 2 passed\n\n- ✅ `success_rate >= 0\.1`, `openai\/gpt-4o-mini@openai`: success rate 100\\\.0% \\\(3 of 3 cases\\\)/);
    // Few cases: the gate says how little it could see.
    expect(report).toMatch(/\n {2}- ⚠️ power [\d\\.]+% against a success rate of 5\\\.0%/);
    expect(report).toContain('### Against the baseline `openai/gpt-4o-mini@openai`');

    // `report` rebuilds the same report.md from results.jsonl, gates included, and appends nothing.
    await rm(inWorkspace('gated', 'report.md'));
    const rebuilt = await runCli(['report', 'gated'], { cwd: workspace.path, env: { GITHUB_STEP_SUMMARY: summary } });
    expect(rebuilt.exitCode).toBe(0);
    expect(rebuilt.stdout).toContain('GATE PASSED success_rate >= 0.1: openai/gpt-4o-mini@openai');
    expect(await readFile(inWorkspace('gated', 'report.md'), 'utf8')).toBe(report);
    expect(await readFile(summary, 'utf8')).toBe(`## An earlier step\n\n${report}`);
  }, 180_000);

  it('demo appends too; without the variable, or with it empty, nothing is appended and nothing is warned', async () => {
    const summary = inWorkspace('demo-summary.md');
    const demo = await runCli(['demo', '--dataset', 'cases.jsonl', '--out', 'demo'], { cwd: workspace.path, env: { GITHUB_STEP_SUMMARY: summary }, timeoutMs: 120_000 });
    expect(demo.exitCode).toBe(0);
    const report = await readFile(inWorkspace('demo', 'report.md'), 'utf8');
    expect(await readFile(summary, 'utf8')).toBe(`\n${report}`);
    expect(report).toMatch(/^## llm-bench run `demo` · SIMULATED\n/);

    const before = await readdir(workspace.path);
    for (const env of [{}, { GITHUB_STEP_SUMMARY: '' }] as Array<Record<string, string>>) {
      const quiet = await runCli(['demo', '--dataset', 'cases.jsonl', '--out', 'plain'], { cwd: workspace.path, env, timeoutMs: 120_000 });
      expect(quiet.exitCode).toBe(0);
      expect(quiet.stderr).not.toContain('GITHUB_STEP_SUMMARY');
      expect(await readFile(inWorkspace('plain', 'report.md'), 'utf8')).toMatch(/^## llm-bench run `plain`/);
      await rm(inWorkspace('plain'), { recursive: true });
    }
    expect(await readdir(workspace.path)).toEqual(before);
    expect(await readFile(summary, 'utf8')).toBe(`\n${report}`);
  }, 180_000);

  it('a step summary that cannot be written is a warning on stderr, never a lost run', async () => {
    const result = await runCli(['demo', '--dataset', 'cases.jsonl', '--out', 'unwritable'], {
      cwd: workspace.path,
      env: { GITHUB_STEP_SUMMARY: inWorkspace('no-such-folder', 'summary.md') },
      timeoutMs: 120_000,
    });
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toMatch(/llm-bench: warning: cannot append to \$GITHUB_STEP_SUMMARY \(.*no-such-folder\/summary\.md\): ENOENT/);
    expect(await readFile(inWorkspace('unwritable', 'report.md'), 'utf8')).toMatch(/^## llm-bench run `unwritable`/);
    expect(result.stdout).toContain('All figures above are SIMULATED');
  }, 180_000);
});
