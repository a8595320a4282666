import { spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable } from 'node:stream';
import { nodeUnder } from './separate-cores.ts';
import { fileURLToPath } from 'node:url';
import { isProgressLine } from '../../src/cli/progress/index.ts';

const cliPath = fileURLToPath(new URL('../../bin/llm-bench.js', import.meta.url));
const projectRoot = fileURLToPath(new URL('../..', import.meta.url));

/** `stderr` without the live progress lines, which `progress` holds (off a TTY: one every 10 s or 10% of the run). */
export type CliResult = { exitCode: number | null; stdout: string; stderr: string; progress: string[] };

type CliOptions = {
  env?: Record<string, string>;
  cwd?: string;
  timeoutMs?: number;
  /** A command the CLI runs under, e.g. `['taskset', '-c', '1']` (see separate-cores.ts). */
  launcher?: string[];
};

/**
 * Runs the real CLI in a child process, as a user would, with a clean environment: no API key
 * or base URL from the developer's shell leaks into a test.
 */
export function runCli(args: string[], options: CliOptions = {}): Promise<CliResult> {
  return startCli(args, options).done;
}

/** Like runCli, with the child process in hand: to signal it mid-run. */
export function startCli(
  args: string[],
  options: CliOptions = {},
): { child: ChildProcessByStdio<null, Readable, Readable>; done: Promise<CliResult> } {
  let child!: ChildProcessByStdio<null, Readable, Readable>;
  const done = new Promise<CliResult>((resolve, reject) => {
    child = spawn(...nodeUnder(options.launcher, [cliPath, ...args]), {
      cwd: options.cwd ?? projectRoot,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NO_COLOR: '1', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
    child.on('error', reject);
    child.on('close', (exitCode, signal) => {
      clearTimeout(timer);
      const lines = stderr.split('\n');
      resolve({
        exitCode: exitCode ?? (signal ? 128 + (signal === 'SIGKILL' ? 9 : 15) : null),
        stdout,
        stderr: lines.filter((line) => !isProgressLine(line)).join('\n'),
        progress: lines.filter(isProgressLine),
      });
    });
  });
  return { child, done };
}
