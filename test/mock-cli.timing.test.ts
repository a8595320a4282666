// The simulator's schedule, measured in its own process: a timing test, run alone (see vitest.config.ts).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import type { MockRequestRecord } from '../src/mock/index.ts';

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

describe('llm-bench mock, in its own process', () => {
  it('prints every base URL and model, serves on schedule in its own process, and stops on SIGTERM', { retry: 2 }, async () => {
    folder = await mkdtemp(join(tmpdir(), 'mock-cli-'));
    const profilesPath = join(folder, 'profiles.yaml');
    await writeFile(
      profilesPath,
      ['models:', '  - id: steady', '    ttftMs: { p50: 100, p90: 100 }', '    tokensPerSecond: 100', '    answer: { policy: fixed, text: "a b c d e f g h i j" }'].join('\n'),
    );
    const { url, output } = await startCli(['--profiles', profilesPath, '--seed', '3']);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(output.join('\n')).toContain(`OpenAI-compatible: ${url}/v1`);
    expect(output.join('\n')).toContain(`AI_GATEWAY_BASE_URL=${url}/v4/ai`);
    expect(output.join('\n')).toContain('steady');

    const body = JSON.stringify({ model: 'steady', messages: [{ role: 'user', content: 'x' }], stream: true });
    await Promise.all(
      Array.from({ length: 50 }, async () => (await fetch(`${url}/v1/chat/completions`, { method: 'POST', body })).text()),
    );
    const records: MockRequestRecord[] = await (await fetch(`${url}/__mock/requests`)).json();
    expect(records).toHaveLength(50);
    const slips = records.flatMap((record) => record.chunkTimes.map((time, index) => time - record.plannedChunkTimes[index]!));
    expect(slips).toHaveLength(500);
    slips.sort((left, right) => left - right);
    expect(slips[0]).toBeGreaterThanOrEqual(0);
    // 50 streams share one schedule here, so chunks come due in bursts; the shared test VM adds noise.
    expect(slips[Math.floor(slips.length * 0.5)]).toBeLessThan(1);
    expect(slips[Math.floor(slips.length * 0.9)]).toBeLessThan(2);

    const exited = new Promise<number | null>((resolve) => child!.once('exit', resolve));
    child!.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

});
