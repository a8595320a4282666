import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';

const main = new URL('../src/cli/main.ts', import.meta.url).pathname;
let child: ChildProcess | undefined;
let folder: string | undefined;

afterEach(async () => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  child = undefined;
  if (folder) await rm(folder, { recursive: true, force: true });
  folder = undefined;
});

/** Starts `llm-bench mock` and resolves with the URL it prints. */
async function startCli(args: string[]): Promise<{ url: string; output: string[] }> {
  child = spawn(process.execPath, [main, 'mock', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  const lines = createInterface({ input: child.stdout! });
  return new Promise((resolve, reject) => {
    child!.once('exit', (code) => reject(new Error(`mock exited early with ${code}`)));
    lines.on('line', (line) => {
      output.push(line);
      const match = /listening on (http:\/\/\S+)/.exec(line);
      if (match) setTimeout(() => resolve({ url: match[1]!, output }), 50);
    });
  });
}

describe('llm-bench mock', () => {
  it('--dataset: an oracle model answers the dataset\'s cases with their expected answers', async () => {
    folder = await mkdtemp(join(tmpdir(), 'mock-cli-'));
    const profilesPath = join(folder, 'profiles.yaml');
    await writeFile(profilesPath, ['models:', '  - id: knows', '    ttftMs: { p50: 5, p90: 5 }', '    tokensPerSecond: 1000', '    answer: { policy: oracle, accuracy: 1 }'].join('\n'));
    const datasetPath = join(folder, 'cases.jsonl');
    await writeFile(datasetPath, `${JSON.stringify({ id: 'capital', prompt: 'Capital of France? One word.', expected: 'Paris' })}\n`);
    const { url, output } = await startCli(['--profiles', profilesPath, '--dataset', datasetPath]);
    expect(output.join('\n')).toContain(`Knows 1 cases from ${datasetPath}`);
    const ask = async (content: string) => {
      const body = JSON.stringify({ model: 'knows', messages: [{ role: 'user', content }] });
      const reply = (await (await fetch(`${url}/v1/chat/completions`, { method: 'POST', body })).json()) as { choices: Array<{ message: { content: string } }> };
      return reply.choices[0]?.message.content;
    };
    expect(await ask('Capital of France? One word.')).toBe('Paris');
    // A prompt of no known case is echoed.
    expect(await ask('something else')).toBe('something else');
  });

  it('exits with code 2 for a profile file with problems', async () => {
    folder = await mkdtemp(join(tmpdir(), 'mock-cli-'));
    const profilesPath = join(folder, 'bad.yaml');
    await writeFile(profilesPath, 'models: []\n');
    child = spawn(process.execPath, [main, 'mock', '--profiles', profilesPath], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (data: Buffer) => (stderr += data.toString()));
    const code = await new Promise<number | null>((resolve) => child!.once('exit', resolve));
    expect(code).toBe(2);
    expect(stderr).toContain(`${profilesPath}:1: models:`);
  });
});
