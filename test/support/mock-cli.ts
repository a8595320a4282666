import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const main = new URL('../../src/cli/main.ts', import.meta.url).pathname;

/**
 * `llm-bench mock` in a child process, and a scratch folder, for one test at a time: `start`
 * resolves with the URL the command prints; `cleanUp` (in afterEach) kills what is left.
 */
export function mockCliSession() {
  let child: ChildProcess | undefined;
  let folder: string | undefined;
  return {
    get child(): ChildProcess {
      if (!child) throw new Error('start the mock first');
      return child;
    },
    async folder(): Promise<string> {
      folder ??= await mkdtemp(join(tmpdir(), 'mock-cli-'));
      return folder;
    },
    /** Starts the command and resolves once it prints its URL (or rejects if it exits first). */
    start(args: string[]): Promise<{ url: string; output: string[] }> {
      const started = spawn(process.execPath, [main, 'mock', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
      child = started;
      const output: string[] = [];
      const lines = createInterface({ input: started.stdout! });
      return new Promise((resolve, reject) => {
        started.once('exit', (code) => reject(new Error(`mock exited early with ${code}`)));
        lines.on('line', (line) => {
          output.push(line);
          const match = /listening on (http:\/\/\S+)/.exec(line);
          if (match) setTimeout(() => resolve({ url: match[1]!, output }), 50);
        });
      });
    },
    /** Runs the command to its end, for the ones that refuse to start. */
    async run(args: string[]): Promise<{ code: number | null; stderr: string }> {
      const started = spawn(process.execPath, [main, 'mock', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
      child = started;
      let stderr = '';
      started.stderr!.on('data', (data: Buffer) => (stderr += data.toString()));
      const code = await new Promise<number | null>((resolve) => started.once('exit', resolve));
      return { code, stderr };
    },
    async cleanUp(): Promise<void> {
      if (child && child.exitCode === null) child.kill('SIGKILL');
      child = undefined;
      if (folder) await rm(folder, { recursive: true, force: true });
      folder = undefined;
    },
  };
}
