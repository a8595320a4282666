/**
 * Ctrl-C, SIGTERM and SIGHUP during a run. The first stops scheduling and gives requests in flight
 * `drainSeconds` to finish (then abandons them); the reports are written, marked incomplete, and
 * the exit code is 130. The second exits at once: every committed result is already on disk,
 * because results.jsonl is appended and flushed one attempt at a time. And whatever the process
 * is stuck in (a folder that never gets made, a report that never gets written), it exits
 * `graceSeconds` after the drain: one SIGTERM, as a CI job's timeout sends, always ends it.
 */
const interruptSignals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

export function installInterruptHandlers(
  drainSeconds: number,
  { graceSeconds = 10, exit = (code: number) => process.exit(code) }: { graceSeconds?: number; exit?: (code: number) => void } = {},
): { stop: AbortSignal; interrupt: AbortSignal; dispose(): void } {
  const stop = new AbortController();
  const interrupt = new AbortController();
  let drainTimer: NodeJS.Timeout | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    if (!stop.signal.aborted) {
      console.error(
        `\n${signal}: no new requests; waiting up to ${drainSeconds} s for those in flight, then writing the reports ` +
          '(press Ctrl-C again to quit now; results so far are saved).',
      );
      stop.abort();
      drainTimer = setTimeout(() => {
        interrupt.abort();
        drainTimer = setTimeout(() => {
          console.error(`\nStill not done ${graceSeconds} s after the drain: quitting now. Complete the run later with --resume.`);
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
    dispose: () => {
      clearTimeout(drainTimer);
      for (const signal of interruptSignals) process.off(signal, onSignal);
    },
  };
}
