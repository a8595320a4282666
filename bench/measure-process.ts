import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { processTree } from '../test/support/process-tree.ts';
import { readFileSync } from 'node:fs';

export type ProcessUsage = {
  /** `performance.timeOrigin + performance.now()` just before the spawn: the simulator's clock. */
  spawnedAt: number;
  wallMs: number;
  /** User + system CPU of the whole tree (every descendant that was waited for), from GNU time. */
  cpuMs: number;
  /** The largest sum of the tree's resident sets seen (sampled every 20 ms), and never below GNU time's largest single process. */
  peakRssMb: number;
  exitCode: number | null;
  output: string;
};

/** Resident set of `pid`, kB (0 once it has ended). */
function rssKb(pid: number): number {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  } catch {
    return 0;
  }
}

/**
 * Runs a command under GNU time (Linux) and samples its process tree's memory: what a user pays
 * for one command, whatever it spawns (promptfoo may start workers; llm-bench its transport threads,
 * which are in its own process).
 */
export async function measureProcess(command: string, args: string[], options: { env?: NodeJS.ProcessEnv; cwd?: string } = {}): Promise<ProcessUsage> {
  const folder = await mkdtemp(join(tmpdir(), 'llm-bench-usage-'));
  const timeFile = join(folder, 'time.txt');
  const spawnedAt = performance.timeOrigin + performance.now();
  const child = spawn('/usr/bin/time', ['-f', '%U %S %M', '-o', timeFile, command, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: options.env ?? process.env,
    ...(options.cwd ? { cwd: options.cwd } : {}),
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => void (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => void (output += chunk.toString()));
  let peakKb = 0;
  const sampler = setInterval(() => {
    const tree = processTree(child.pid!).filter((entry) => entry.pid !== child.pid);
    peakKb = Math.max(peakKb, tree.reduce((sum, entry) => sum + rssKb(entry.pid), 0));
  }, 20);
  const exitCode = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  const wallMs = performance.timeOrigin + performance.now() - spawnedAt;
  clearInterval(sampler);
  const [user, system, maxKb] = (await readFile(timeFile, 'utf8')).trim().split('\n').at(-1)!.split(' ').map(Number);
  await rm(folder, { recursive: true, force: true });
  return { spawnedAt, wallMs, cpuMs: (user! + system!) * 1000, peakRssMb: Math.max(peakKb, maxKb!) / 1024, exitCode, output };
}
