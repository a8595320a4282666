import { execFileSync, spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeWorkspace } from './support/run-folder.ts';

const childScript = fileURLToPath(new URL('./support/stuck-in-threadpool.ts', import.meta.url));
/** Generous, for a busy machine: a process that has not ended by then never will. */
const endTimeoutMs = 60_000;

type Ending = { code: number | null; signal: NodeJS.Signals | null; killedByTest: boolean; stderr: string };

/**
 * Starts the child, sends `signals` once it is ready (each after the previous one's notice), and
 * waits up to `endTimeoutMs` for it to end by itself; after that the test kills it, and says so.
 */
async function signalAndWait(args: string[], signals: NodeJS.Signals[]): Promise<Ending> {
  const child = spawn(process.execPath, [childScript, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const printed = (pattern: RegExp, text: () => string) =>
    new Promise<void>((resolve) => {
      const check = () => {
        if (pattern.test(text())) resolve();
      };
      child.stdout.on('data', check);
      child.stderr.on('data', check);
      child.once('close', () => resolve());
      check();
    });
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('close', (code, signal) => resolve({ code, signal })),
  );
  let killedByTest = false;
  const timer = setTimeout(() => {
    killedByTest = true;
    child.kill('SIGKILL');
  }, endTimeoutMs);
  await printed(/ready/, () => stdout);
  for (const [index, signal] of signals.entries()) {
    child.kill(signal);
    // The handler has taken this signal before the next is sent.
    if (index < signals.length - 1) await printed(/no new requests/, () => stderr);
  }
  const { code, signal } = await ended;
  clearTimeout(timer);
  return { code, signal, killedByTest, stderr };
}

describe('"quitting now" ends the process whatever is pending', () => {
  let workspace: Awaited<ReturnType<typeof makeWorkspace>>;
  let fifo: string;

  beforeAll(async () => {
    workspace = await makeWorkspace();
    fifo = join(workspace.path, 'never-written.fifo');
    execFileSync('mkfifo', [fifo]);
  });

  afterAll(async () => {
    await workspace.remove();
  });

  it.runIf(process.platform === 'linux')('a process stuck in a threadpool open() of a FIFO ends after the grace that follows the drain', async () => {
    const ending = await signalAndWait(['1', '--stuck', fifo], ['SIGTERM']);
    expect(ending.stderr).toContain('quitting now');
    // Before, process.exit waited for the stuck thread forever, and only the test's kill ended it.
    expect(ending.killedByTest, ending.stderr).toBe(false);
    expect(ending.code === 130 || ending.signal === 'SIGKILL', JSON.stringify(ending)).toBe(true);
  }, 90_000);

  it.runIf(process.platform === 'linux')('a process stuck in a threadpool open() of a FIFO ends on the second signal', async () => {
    // A grace far longer than the test: only the second signal can end it in time.
    const ending = await signalAndWait(['3600', '--stuck', fifo], ['SIGTERM', 'SIGTERM']);
    expect(ending.stderr).toContain('SIGTERM again: quitting now');
    expect(ending.killedByTest, ending.stderr).toBe(false);
    expect(ending.code === 130 || ending.signal === 'SIGKILL', JSON.stringify(ending)).toBe(true);
  }, 90_000);

  it('a process with nothing stuck still exits with code 130, and the watchdog spares it', async () => {
    const afterGrace = await signalAndWait(['1'], ['SIGTERM']);
    expect(afterGrace).toMatchObject({ code: 130, signal: null, killedByTest: false });
    const secondSignal = await signalAndWait(['3600'], ['SIGINT', 'SIGINT']);
    expect(secondSignal).toMatchObject({ code: 130, signal: null, killedByTest: false });
  }, 180_000);
});
