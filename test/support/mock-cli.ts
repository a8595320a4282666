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
    /**
     * Starts the command and resolves once it is ready: its server answers, and its banner, which
     * ends with the models, is printed whole. Rejects if it exits first, or is not ready in 20 s.
     */
    async start(args: string[]): Promise<{ url: string; output: string[] }> {
      const started = spawn(process.execPath, [main, 'mock', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
      child = started;
      const output: string[] = [];
      const lines = createInterface({ input: started.stdout! });
      const exited = new Promise<never>((_resolve, reject) => {
        started.once('exit', (code) => reject(new Error(`mock exited early with ${code}: ${output.join('\n')}`)));
      });
      exited.catch(() => {});
      const listening = new Promise<string>((resolve) => {
        lines.on('line', (line) => {
          output.push(line);
          const match = /listening on (http:\/\/\S+)/.exec(line);
          if (match) resolve(match[1]!);
        });
      });
      const url = await Promise.race([listening, exited]);
      await Promise.race([untilReady(url, output), exited]);
      return { url, output };
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

/** Polls GET /v1/models until the server answers and the banner names every model it lists. */
async function untilReady(url: string, output: string[]): Promise<void> {
  const deadline = performance.now() + 20_000;
  for (;;) {
    const models = await fetch(`${url}/v1/models`)
      .then(async (response) => (response.ok ? ((await response.json()) as { data: Array<{ id: string }> }).data : undefined))
      .catch(() => undefined);
    const printed = (id: string) => output.some((line) => line.trimStart().startsWith(`${id} `));
    if (models && models.every((model) => printed(model.id))) return;
    if (performance.now() > deadline) throw new Error(`mock at ${url} not ready in 20 s: ${output.join('\n')}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
