import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const launcher = fileURLToPath(new URL('../bin/llm-bench.js', import.meta.url));
const main = fileURLToPath(new URL('../src/cli/main.ts', import.meta.url));

/**
 * Preloaded into the CLI's main thread: once the launcher's own code has run, it makes a worker
 * (as `run` makes its transport workers), fills its young generation, and prints that worker's
 * new space's size.
 */
const probe = `import { Worker, isMainThread } from 'node:worker_threads';
if (isMainThread) setTimeout(() => {
  const worker = new Worker("const v8 = require('node:v8'); const { parentPort } = require('node:worker_threads'); const kept = []; for (let i = 0; i < 300000; i++) kept.push({ i, text: 'x' + i }); parentPort.postMessage(v8.getHeapSpaceStatistics().find((space) => space.space_name === 'new_space').space_size);", { eval: true });
  worker.once('message', (size) => { process.stderr.write('new_space ' + size + '\\n'); void worker.terminate(); });
}, 0);
`;

let folder: string;
let probePath: string;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'llm-bench-heap-flags-'));
  probePath = join(folder, 'probe.mjs');
  await writeFile(probePath, probe);
});
afterAll(() => rm(folder, { recursive: true, force: true }));

/** A worker's young generation (bytes) under `node [flags] --import probe SCRIPT mock --port 0`. */
async function workerNewSpace(nodeFlags: string[], script: string, env: Record<string, string> = {}): Promise<number> {
  const child = spawn(process.execPath, [...nodeFlags, '--import', probePath, script, 'mock', '--port', '0'], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NO_COLOR: '1', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  try {
    return await new Promise<number>((resolve, reject) => {
      createInterface({ input: child.stderr }).on('line', (line) => {
        const match = /^new_space (\d+)$/.exec(line);
        if (match) resolve(Number(match[1]));
      });
      child.once('exit', (code) => reject(new Error(`exited ${code} before the probe answered`)));
    });
  } finally {
    child.kill('SIGTERM');
  }
}

describe('bin/llm-bench.js bounds the heap slack of the threads it starts', () => {
  it('a worker made after the launcher ran has a small young generation; without the launcher it does not', async () => {
    const [launched, direct] = [await workerNewSpace([], launcher), await workerNewSpace([], main)];
    // --max-semi-space-size=2: a new space of a few MB, against Node's default of 16 MB semi-spaces or more.
    expect(launched).toBeLessThanOrEqual(8 * 1024 * 1024);
    expect(direct).toBeGreaterThanOrEqual(16 * 1024 * 1024);
  }, 60_000);

  it('a flag the user gives Node wins over the launcher\'s, on its command line or in NODE_OPTIONS', async () => {
    expect(await workerNewSpace(['--max-semi-space-size=16'], launcher)).toBeGreaterThanOrEqual(16 * 1024 * 1024);
    expect(await workerNewSpace([], launcher, { NODE_OPTIONS: '--max_semi_space_size=16' })).toBeGreaterThanOrEqual(16 * 1024 * 1024);
  }, 60_000);
});
