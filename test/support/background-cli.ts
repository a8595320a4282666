import { spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Server } from 'node:http';
import type { Readable } from 'node:stream';

export type BackgroundCli = {
  child: ChildProcessByStdio<null, Readable, Readable>;
  /** Everything written to stdout and stderr so far. */
  output(): string;
  /** Only what was written to stdout. */
  stdout(): string;
  /** Resolves with the first match in the output; rejects if the command ends or `timeoutMs` passes first. */
  waitFor(pattern: RegExp, timeoutMs: number): Promise<RegExpExecArray>;
  /** It ended, and so did every process holding its output open: the output is complete. */
  closed: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
};

/**
 * A command started as `command &` would be in a terminal: not waited for, its output collected.
 * Unlike a non-interactive shell's `&`, it does not ignore SIGINT; `detached` gives it a process
 * group of its own, as job control does.
 */
export function startInBackground(
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; detached?: boolean },
): BackgroundCli {
  const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  const listeners = new Set<() => void>();
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    for (const listener of listeners) listener();
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const closed = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('close', (code, signal) => resolve({ code, signal })),
  );
  const waitFor = (pattern: RegExp, timeoutMs: number) =>
    new Promise<RegExpExecArray>((resolve, reject) => {
      const check = () => {
        const match = pattern.exec(output);
        if (!match) return;
        finish();
        resolve(match);
      };
      const timer = setTimeout(() => {
        finish();
        reject(new Error(`no ${pattern} within ${timeoutMs} ms; output so far:\n${output}`));
      }, timeoutMs);
      const finish = () => {
        clearTimeout(timer);
        listeners.delete(check);
      };
      listeners.add(check);
      void closed.then(() => {
        if (!listeners.has(check)) return;
        finish();
        reject(new Error(`exited before printing ${pattern}; output:\n${output}`));
      });
      check();
    });
  return { child, output: () => output, stdout: () => stdout, waitFor, closed };
}

/** Resolves once `server` has a request (a run then waits for its answer); rejects if `cli` ends first. */
export function firstRequest(cli: BackgroundCli, server: Server): Promise<unknown> {
  return Promise.race([
    new Promise((resolve) => server.once('request', resolve)),
    cli.closed.then(() => Promise.reject(new Error(`ended before it sent a request:\n${cli.output()}`))),
  ]);
}
