import { spawn } from 'node:child_process';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './support/run-cli.ts';
import { readmeApiExample } from './support/readme-example.ts';
import { makeWorkspace, readCsv } from './support/run-folder.ts';

const projectRoot = fileURLToPath(new URL('..', import.meta.url));
const node = path.join(projectRoot, 'node_modules/.bin/node');
const targets = ['simulated:openai/gpt-4o-mini@openai', 'simulated:openai/gpt-4o-mini@azure', 'simulated:anthropic:claude-sonnet-4'];

/** Runs a script with Node 24 in `cwd`, as a user's program would. */
function runScript(file: string, cwd: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(node, [file], { cwd, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** summary.csv without what a clock decides (timings, and how the network cut the stream into chunks): the figures a form of the eval must not change. */
async function untimedSummary(folder: string): Promise<Array<Record<string, string>>> {
  const rows = await readCsv(path.join(folder, 'summary.csv'));
  return rows.map((row) => Object.fromEntries(Object.entries(row).filter(([column]) => !/^(ttft|e2e|output_tps|inter_chunk|dispatch_delay|tpot|itl_chunk)_|^(achieved_rps|tokens_per_chunk_mean|goodput.*|harness_saturated)$/.test(column))));
}

describe('one eval, four forms: the YAML file, flags, a TypeScript config and an API call', () => {
  let workspace: Awaited<ReturnType<typeof makeWorkspace>>;
  beforeAll(async () => {
    workspace = await makeWorkspace();
    // The package, installed where the user's folder finds it.
    await mkdir(path.join(workspace.path, 'node_modules'));
    await symlink(projectRoot, path.join(workspace.path, 'node_modules/llm-bench'), 'dir');
  });
  afterAll(async () => {
    await workspace.remove();
  });

  it('`init && run` in an empty folder runs the starter eval on the simulator, and every form writes the same summary.csv apart from timings', async () => {
    const init = await runCli(['init'], { cwd: workspace.path });
    expect(init.exitCode, init.stderr).toBe(0);
    const fromFile = await runCli(['run', '--out', 'reports/yaml'], { cwd: workspace.path });
    expect(fromFile.stderr).toBe('');
    expect(fromFile.exitCode).toBe(0);
    expect(fromFile.stdout).toContain('openai/gpt-4o-mini@azure (simulated)');

    // The same eval as flags alone, from a folder with no eval file.
    const elsewhere = path.join(workspace.path, 'flags');
    await mkdir(elsewhere);
    const fromFlags = await runCli(
      ['run', '-d', '../datasets/smoke.jsonl', ...targets.flatMap((target) => ['-t', target]), '-c', '4', '--max-tokens', '256', '-o', '../reports/flags'],
      { cwd: elsewhere },
    );
    expect(fromFlags.exitCode, fromFlags.stderr).toBe(0);

    // As a TypeScript config, through defineConfig from the installed package.
    const typed = path.join(workspace.path, 'typed');
    await mkdir(typed);
    await writeFile(
      path.join(typed, 'llm-bench.config.ts'),
      `import { defineConfig } from 'llm-bench';\nexport default defineConfig({\n  datasets: ['../datasets/smoke.jsonl'],\n  targets: ${JSON.stringify(targets)},\n  run: { concurrency: 4, maxTokens: 256 },\n  out: '../reports/typed',\n});\n`,
    );
    const fromTypeScript = await runCli(['run'], { cwd: typed });
    expect(fromTypeScript.exitCode, fromTypeScript.stderr).toBe(0);

    // As an API call: exactly README's example.
    await writeFile(path.join(workspace.path, 'api-example.mjs'), await readmeApiExample());
    const fromApi = await runScript('api-example.mjs', workspace.path);
    expect(fromApi.stderr).toBe('');
    expect(fromApi.code).toBe(0);
    expect(fromApi.stdout).toMatch(/^openai\/gpt-4o-mini@openai: pass 0\.\d+ \(n=13\), TTFT p50 \d+ ms$/m);

    const expected = await untimedSummary(path.join(workspace.path, 'reports/yaml'));
    expect(expected.map((row) => row.target)).toEqual(['openai/gpt-4o-mini@openai', 'openai/gpt-4o-mini@azure', 'anthropic:claude-sonnet-4']);
    expect(expected.every((row) => row.requests === '13' && row.scored === '13')).toBe(true);
    for (const form of ['flags', 'typed', 'api']) expect(await untimedSummary(path.join(workspace.path, 'reports', form)), form).toEqual(expected);
  }, 300_000);
});
