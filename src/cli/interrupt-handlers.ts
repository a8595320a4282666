/**
 * Ctrl-C, SIGTERM and SIGHUP during a run. The first stops scheduling and gives requests in flight
 * `drainSeconds` to finish (then abandons them); the reports are written, marked incomplete, and
 * the exit code is 130. The second exits at once: every committed result is already on disk,
 * because results.jsonl is appended and flushed one attempt at a time. And whatever the process
 * is stuck in (a folder that never gets made, a report that never gets written), it exits
 * `graceSeconds` after the drain: one SIGTERM, as a CI job's timeout sends, always ends it.
 * Installed with `loading: true`, a signal that comes while inputs are still being loaded (a
 * custom scorer still importing), before `sending()` is called, exits 130 at once: nothing has
 * been sent or written, so there is nothing to drain.
 */
import { spawn } from 'node:child_process';
import { fitLine, lineWidth } from './fit-line.ts';

const interruptSignals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

export function installInterruptHandlers(
  drainSeconds: number,
  {
    graceSeconds = 10,
    exit = exitWhateverIsPending,
    loading = false,
  }: { graceSeconds?: number; exit?: (code: number) => void; loading?: boolean } = {},
): { stop: AbortSignal; interrupt: AbortSignal; sending(): void; dispose(): void } {
  let stillLoading = loading;
  const stop = new AbortController();
  const interrupt = new AbortController();
  let drainTimer: NodeJS.Timeout | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stillLoading) {
      console.error(`\n${signal}: nothing sent yet; quitting now.`);
      exit(130);
      return;
    }
    if (!stop.signal.aborted) {
      console.error(
        fitLine(
          `\n${signal}: no new requests; waiting up to ${drainSeconds} s for those in flight, then writing the reports ` +
            '(press Ctrl-C again to quit now; results so far are saved).',
          lineWidth(process.stderr),
        ),
      );
      stop.abort();
      drainTimer = setTimeout(() => {
        interrupt.abort();
        drainTimer = setTimeout(() => {
          console.error(fitLine(`\nStill not done ${graceSeconds} s after the drain: quitting now. Complete the run later with --resume.`, lineWidth(process.stderr)));
          exit(130);
        }, graceSeconds * 1000);
        drainTimer.unref();
      }, drainSeconds * 1000);
      return;
    }
    console.error(`\n${signal} again: quitting now. Complete the run later with --resume.`);
    exit(130);
  };
  for (const signal of interruptSignals) process.on(signal, onSignal);
  return {
    stop: stop.signal,
    interrupt: interrupt.signal,
    sending: () => {
      stillLoading = false;
    },
    dispose: () => {
      clearTimeout(drainTimer);
      for (const signal of interruptSignals) process.off(signal, onSignal);
    },
  };
}

/**
 * How long the watchdog gives `process.exit` before it ends the process with SIGKILL. A normal
 * exit takes milliseconds; on a busy machine, a second or two.
 */
const watchdogMs = 3000;

/**
 * `process.exit`, made certain. At exit, libuv waits for its threadpool's threads to finish
 * (`uv_library_shutdown`): one stuck in a system call that never returns (`open()` of a FIFO no
 * one writes to, a read from a dead network file system) holds the process forever, after it
 * said it was quitting. So a tiny detached watchdog is started first, which kills this process
 * if it is still its parent `watchdogMs` later. A process that did exit has handed the watchdog
 * to another parent by then, so a pid used again by someone else is never touched. The exit code
 * stays `code` whenever the exit works; when the watchdog has to act, the process ends by SIGKILL.
 */
export function exitWhateverIsPending(code: number): never {
  try {
    const watchdog = spawn(process.execPath, ['-e', watchdogScript, String(process.pid), String(watchdogMs)], {
      detached: true,
      stdio: 'ignore',
      // Nothing of ours: no NODE_OPTIONS (a loader, an inspector port) for a process this small.
      env: {},
    });
    watchdog.on('error', () => {});
    watchdog.unref();
  } catch {
    // No watchdog (out of processes or file descriptors): the exit is still tried.
  }
  return process.exit(code);
}

const watchdogScript = `
const [parent, waitMs] = process.argv.slice(1).map(Number);
setTimeout(() => {
  if (process.ppid !== parent) return;
  try { process.kill(parent, 'SIGKILL'); } catch {}
}, waitMs);
`;
