import { access, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/load-config.ts';
import { runCli } from './support/run-cli.ts';
import { makeWorkspace } from './support/run-folder.ts';

let workspace: Awaited<ReturnType<typeof makeWorkspace>>;
beforeEach(async () => {
  workspace = await makeWorkspace();
});
afterEach(async () => {
  await workspace.remove();
});

const shippedSmoke = new URL('../datasets/smoke.jsonl', import.meta.url);

describe('llm-bench init', () => {
  it('writes a commented llm-bench.yaml and its dataset, which loadConfig accepts', async () => {
    const result = await runCli(['init'], { cwd: workspace.path });
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('wrote llm-bench.yaml\nwrote datasets/smoke.jsonl\n');
    expect(result.stdout).toContain('npx llm-bench run');
    const yaml = await readFile(path.join(workspace.path, 'llm-bench.yaml'), 'utf8');
    expect(yaml.split('\n')[0]).toBe('# yaml-language-server: $schema=node_modules/llm-bench/schema/llm-bench.schema.json');
    expect(await readFile(path.join(workspace.path, 'datasets/smoke.jsonl'), 'utf8')).toBe(await readFile(shippedSmoke, 'utf8'));
    const loaded = await loadConfig({ cwd: workspace.path });
    expect(loaded?.definition.datasets).toEqual([path.join(workspace.path, 'datasets/smoke.jsonl')]);
    expect(loaded?.definition.targets).toEqual(['simulated:openai/gpt-4o-mini@openai', 'simulated:openai/gpt-4o-mini@azure', 'simulated:anthropic:claude-sonnet-4']);
  });

  it('refuses to overwrite an existing file with exit code 2, writing nothing, unless --force', async () => {
    await workspace.write('llm-bench.yaml', 'judge: mine\n');
    const refused = await runCli(['init'], { cwd: workspace.path });
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toContain('not overwriting llm-bench.yaml (give --force to replace it); nothing written');
    expect(await readFile(path.join(workspace.path, 'llm-bench.yaml'), 'utf8')).toBe('judge: mine\n');
    await expect(access(path.join(workspace.path, 'datasets/smoke.jsonl'))).rejects.toThrow();

    const forced = await runCli(['init', '--force'], { cwd: workspace.path });
    expect(forced.exitCode).toBe(0);
    expect(await readFile(path.join(workspace.path, 'llm-bench.yaml'), 'utf8')).toMatch(/^# yaml-language-server: /);
  });

  it('refuses a second init, naming every file it would overwrite', async () => {
    expect((await runCli(['init'], { cwd: workspace.path })).exitCode).toBe(0);
    await writeFile(path.join(workspace.path, 'datasets/smoke.jsonl'), '{"id": "mine", "prompt": "x"}\n');
    const second = await runCli(['init'], { cwd: workspace.path });
    expect(second.exitCode).toBe(2);
    expect(second.stderr).toContain('not overwriting llm-bench.yaml, datasets/smoke.jsonl (give --force to replace them); nothing written');
    expect(await readFile(path.join(workspace.path, 'datasets/smoke.jsonl'), 'utf8')).toBe('{"id": "mine", "prompt": "x"}\n');
  });

  it('refuses to write llm-bench.yaml beside another eval file, which run would then ignore, unless --force', async () => {
    await workspace.write('llm-bench.json', '{"datasets": ["mine.jsonl"], "targets": ["openai:gpt-4o"]}');
    await workspace.write('llm-bench.config.ts', 'export default {};\n');
    const refused = await runCli(['init'], { cwd: workspace.path });
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toContain(
      'llm-bench.json, llm-bench.config.ts are eval files already; run would read a new llm-bench.yaml instead of them (give --force to write it anyway); nothing written',
    );
    await expect(access(path.join(workspace.path, 'llm-bench.yaml'))).rejects.toThrow();
    await expect(access(path.join(workspace.path, 'datasets'))).rejects.toThrow();

    const forced = await runCli(['init', '--force'], { cwd: workspace.path });
    expect(forced.exitCode).toBe(0);
    expect(forced.stderr).toBe(
      'warning: llm-bench.json is still here; run now reads llm-bench.yaml instead (give --config llm-bench.json to run it)\n' +
        'warning: llm-bench.config.ts is still here; run now reads llm-bench.yaml instead (give --config llm-bench.config.ts to run it)\n',
    );
    expect((await loadConfig({ cwd: workspace.path }))?.file).toBe(path.join(workspace.path, 'llm-bench.yaml'));
    expect(await readFile(path.join(workspace.path, 'llm-bench.json'), 'utf8')).toContain('mine.jsonl');
  });

  it('names both reasons when a starter file and another eval file are there', async () => {
    await workspace.write('llm-bench.yaml', 'judge: mine\n');
    await workspace.write('llm-bench.yml', 'judge: mine\n');
    const refused = await runCli(['init'], { cwd: workspace.path });
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toContain(
      'not overwriting llm-bench.yaml (give --force to replace it); llm-bench.yml is an eval file already; run would read a new llm-bench.yaml instead of it (give --force to write it anyway); nothing written',
    );
  });
});
