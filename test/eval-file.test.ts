import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from './support/run-cli.ts';
import { makeWorkspace, readCsv } from './support/run-folder.ts';

let workspace: Awaited<ReturnType<typeof makeWorkspace>>;
beforeEach(async () => {
  workspace = await makeWorkspace();
  await workspace.write('cases.jsonl', '{"id":"q1","prompt":"Say hi.","expected":"hi"}\n{"id":"q2","prompt":"Say bye.","expected":"bye"}\n');
});
afterEach(() => workspace.remove());

const evalFile = (extra = '') => `datasets: [cases.jsonl]\ntargets:\n  - simulated:openai:gpt-4o-mini\nrun:\n  warmup: 0\n  concurrency: 2\n${extra}`;

describe('llm-bench.yaml', () => {
  it('refuses a misspelled key and a bad value with file:line, exit 2, nothing sent and no run folder', async () => {
    await workspace.write('llm-bench.yaml', `${evalFile('  concurency: 3\n  repeats: 0\n')}budget:\n  maxcost: 2\n`);
    const result = await runCli(['run', '--out', 'out'], { cwd: workspace.path });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('llm-bench.yaml:7: run.concurency: unknown field; did you mean run.concurrency?');
    expect(result.stderr).toContain('llm-bench.yaml:8: run.repeats: expected an integer from 1 to 100000, got 0');
    expect(result.stderr).toContain('llm-bench.yaml:10: budget.maxcost: unknown field; did you mean budget.maxCost?');
    expect(await readdir(workspace.path)).not.toContain('out');
    // Reporters too: every problem at once, each at its line, before anything is sent.
    await workspace.write('llm-bench.yaml', `${evalFile()}reporters:\n  - [report-html, { filename: x.html }]\n  - summary-jsn\n  - [summary-csv, { fileName: results.csv }]\n`);
    const reporters = await runCli(['run', '--out', 'out'], { cwd: workspace.path });
    expect(reporters.exitCode).toBe(2);
    expect(reporters.stderr).toContain('llm-bench.yaml:8: reporters[0][1].filename: unknown field; did you mean fileName?');
    expect(reporters.stderr).toContain('llm-bench.yaml:9: reporters[1]: unknown reporter "summary-jsn"; did you mean summary-json?');
    expect(await readdir(workspace.path)).not.toContain('out');
    // A rule that ties two settings is reported at the file's line too.
    await workspace.write('llm-bench.yaml', `${evalFile()}budget:\n  maxCost: 2\n`);
    const budget = await runCli(['run', '--out', 'out'], { cwd: workspace.path });
    expect(budget.exitCode).toBe(2);
    expect(budget.stderr).toContain('llm-bench.yaml:8: budget.maxCost: needs run.maxTokens (or maxTokens on every target)');
  });

  it('lets a flag override the file, and records the resolved eval in run.json with keys redacted', async () => {
    const key = 'sk-test-0123456789abcdef';
    await workspace.write(
      'llm-bench.yaml',
      `datasets: [cases.jsonl]\ntargets:\n  - target: simulated:openai:gpt-4o-mini\n    label: mini\n    maxTokens: 64\n    providerOptions: { openai: { apiKey: ${key}, user: llm-bench } }\nrun: { warmup: 0, repeats: 1 }\n`,
    );
    const result = await runCli(['run', '--repeats', '2', '--out', 'out'], { cwd: workspace.path });
    expect(result.exitCode, result.stderr).toBe(0);
    const runJson = await readFile(path.join(workspace.path, 'out/run.json'), 'utf8');
    const manifest = JSON.parse(runJson) as { definition: { run: { repeats: number }; targets: Array<{ label: string; providerOptions: { openai: { apiKey: string; user: string } } }> } };
    expect(manifest.definition.run.repeats).toBe(2);
    expect(manifest.definition.targets[0]).toMatchObject({ label: 'mini', providerOptions: { openai: { apiKey: '[REDACTED]', user: 'llm-bench' } } });
    expect(runJson).not.toContain(key);
    expect((await readCsv(path.join(workspace.path, 'out/summary.csv')))[0]).toMatchObject({ target: 'mini', requests: '4' });
    // A resume cannot send a key it no longer has: refused, naming where it was.
    const resumed = await runCli(['run', '--resume', 'out'], { cwd: workspace.path });
    expect(resumed.exitCode).toBe(2);
    expect(resumed.stderr).toContain('targets[0].providerOptions.openai.apiKey');
  });

  it('--resume reads the eval from the run folder: an eval file here is not read, and --config is refused', async () => {
    await workspace.write('llm-bench.yaml', evalFile());
    expect((await runCli(['run', '--out', 'out'], { cwd: workspace.path })).exitCode).toBe(0);
    await workspace.write('llm-bench.yaml', 'targets: [nonsense]\nrun: { repeats: 0 }\n');
    const resumed = await runCli(['run', '--resume', 'out'], { cwd: workspace.path });
    expect(resumed.exitCode, resumed.stderr).toBe(0);
    expect(resumed.stdout).toContain('Resumed: 2 requests were already answered and not sent again.');
    // The recorded settings are not the user's flags: nothing is "ignored".
    expect(resumed.stdout).not.toContain('ignored');
    const withConfig = await runCli(['run', '--resume', 'out', '--config', 'llm-bench.yaml'], { cwd: workspace.path });
    expect(withConfig.exitCode).toBe(2);
    expect(withConfig.stderr).toContain('--resume reads the eval from the run folder it completes; drop --config');
  });

  it('records every path absolute, so a run started with relative flags resumes and reports from another folder', async () => {
    const started = await runCli(['run', '-d', 'cases.jsonl', '-t', 'simulated:openai:gpt-4o-mini', '--warmup', '0', '--cache', '--out', 'out'], { cwd: workspace.path });
    expect(started.exitCode, started.stderr).toBe(0);
    const manifest = JSON.parse(await readFile(path.join(workspace.path, 'out/run.json'), 'utf8')) as { definition: { datasets: string[]; run: { cacheDir: string } } };
    expect(manifest.definition.datasets).toEqual([path.join(workspace.path, 'cases.jsonl')]);
    expect(manifest.definition.run.cacheDir).toBe(path.join(workspace.path, '.llm-bench-cache'));
    const elsewhere = path.dirname(workspace.path);
    const resumed = await runCli(['run', '--resume', path.join(workspace.path, 'out')], { cwd: elsewhere });
    expect(resumed.exitCode, resumed.stderr).toBe(0);
    const reported = await runCli(['report', path.join(workspace.path, 'out')], { cwd: elsewhere });
    expect(reported.exitCode, reported.stderr).toBe(0);
  });

  it("reports a target's problem at its item's line in the file", async () => {
    await workspace.write('llm-bench.yaml', 'datasets: [cases.jsonl]\ntargets:\n  - simulated:openai/gpt-4o\n  - bogus:model\n  - openai:gpt-4o-mini\n');
    const result = await runCli(['run', '--out', 'out'], { cwd: workspace.path });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('llm-bench.yaml:4: targets[1]: target "bogus:model": unknown provider "bogus"');
    expect(result.stderr).toContain('llm-bench.yaml:5: targets[2]: target "openai:gpt-4o-mini" needs OPENAI_API_KEY to be set in the environment');
  });
});
