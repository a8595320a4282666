import { writeSync } from 'node:fs';
import type { RunEvent } from '../../reports/run-event.ts';
import { isContinuousIntegration } from './continuous-integration.ts';
import { ProgressState } from './progress-state.ts';
import { plainWidth, renderPlainProgressLines } from './render-plain-progress-lines.ts';
import { renderProgressLine } from './render-progress-line.ts';

/** Where the progress goes: stderr, or a fake of it in tests and benchmarks. */
export type ProgressStream = {
  isTTY?: boolean | undefined;
  columns?: number | undefined;
  /** tty.WriteStream's: whether the terminal shows colours, by the environment given (NO_COLOR, FORCE_COLOR, TERM). */
  hasColors?: ((environment?: Record<string, string | undefined>) => boolean) | undefined;
  write(text: string): unknown;
};

export type LiveProgress = {
  /** Cheap and synchronous: it only counts. Drawing happens on a timer. */
  onEvent(event: RunEvent): void;
  /** Stops drawing and erases the live line; safe to call more than once. */
  stop(): void;
};

export type LiveProgressOptions = {
  /** Default: the process's stderr. */
  stream?: ProgressStream | undefined;
  /** `--quiet`: nothing at all. */
  quiet: boolean;
  /** `--max-cost`, shown beside the spend. */
  maxCost?: number | undefined;
  environment: Readonly<Record<string, string | undefined>>;
  /** Milliseconds, monotonic. */
  now?: (() => number) | undefined;
  /** Where Ctrl-C, SIGTERM and SIGHUP are heard. Default: the process (tests pass a fake). */
  signals?: SignalSource | undefined;
};

/** The part of `process` the progress listens to for the signals that stop a run. */
export type SignalSource = {
  prependListener(signal: NodeJS.Signals, listener: () => void): unknown;
  off(signal: NodeJS.Signals, listener: () => void): unknown;
};

/** The signals src/cli/interrupt-handlers.ts stops a run on. */
const stopSignals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** On a terminal, the line is redrawn at most this often. */
export const redrawIntervalMs = 100;
/** Off a terminal, a line at least this often (and at every tenth of the run). */
export const plainIntervalMs = 10_000;

/**
 * Live progress on stderr. On a terminal (not in CI): one line, redrawn by a timer at most 10 times
 * a second from the latest counts, never on an event, and erased when the run finishes so the
 * summary prints clean; coloured unless NO_COLOR (or the terminal) says not. Off a terminal or in
 * CI: a plain `progress: ` line every 10 s or every tenth of the run, whichever comes first, and a
 * last one when the run finishes. Everything runs on the main thread, off the timing path: the
 * requests are timed in the transport worker, and an event here costs a counter and an insertion.
 */
export function startLiveProgress(options: LiveProgressOptions): LiveProgress {
  if (options.quiet) return { onEvent: () => {}, stop: () => {} };
  const stream = options.stream ?? standardError();
  const now = options.now ?? (() => performance.now());
  const state = new ProgressState(options.maxCost);
  const progress = isLiveTerminal(stream, options.environment) ? drawLive(stream, state, now, colourWanted(stream, options.environment)) : printPlain(stream, state, now, plainWidthOf(stream));
  return listenForStopSignals(progress, options.signals ?? process);
}

/**
 * A terminal that redraws a line: a TTY, not in CI, and not `TERM=dumb` (Emacs' shell, some
 * editors' panes), which shows `CSI K` as text.
 */
function isLiveTerminal(stream: ProgressStream, environment: Readonly<Record<string, string | undefined>>): boolean {
  return stream.isTTY === true && !isContinuousIntegration(environment) && environment.TERM !== 'dumb';
}

/**
 * Heard before the interrupt handler's own listener (prepended), so the live line is erased
 * before its `SIGINT: …` notice is written, on the first signal and on the second (which exits at
 * once). From the first on, the line says the run is stopping instead of promising an ETA.
 */
function listenForStopSignals(progress: LiveProgress & { onInterrupt(): void }, signals: SignalSource): LiveProgress {
  const onSignal = () => progress.onInterrupt();
  for (const signal of stopSignals) signals.prependListener(signal, onSignal);
  let listening = true;
  const stopListening = () => {
    if (listening) for (const signal of stopSignals) signals.off(signal, onSignal);
    listening = false;
  };
  return {
    onEvent: (event) => {
      progress.onEvent(event);
      // Its line is gone: nothing is left to erase before a later notice.
      if (event.type === 'run-finished') stopListening();
    },
    stop: () => {
      stopListening();
      progress.stop();
    },
  };
}

function drawLive(stream: ProgressStream, state: ProgressState, now: () => number, colour: boolean): LiveProgress & { onInterrupt(): void } {
  let started = false;
  let shown = '';
  const draw = () => {
    if (!started) return;
    // One column short of the width: a line that fills the last column wraps on some terminals.
    // A terminal that does not say its width (a bare pty says 0) is taken as 80 columns.
    const line = renderProgressLine(state.snapshot(now()), { width: (stream.columns || 80) - 1, colour });
    if (line === shown) return;
    // Back to the line's start, the new line, then erase what a longer old one left (CSI K).
    stream.write(`\r${line}\x1b[K`);
    shown = line;
  };
  const timer = setInterval(draw, redrawIntervalMs);
  timer.unref();
  const erase = () => {
    if (shown !== '') stream.write('\r\x1b[K');
    shown = '';
  };
  const stop = () => {
    clearInterval(timer);
    started = false;
    erase();
  };
  return {
    onEvent: (event) => {
      state.onEvent(event, now());
      if (event.type === 'run-started') started = true;
      if (event.type === 'run-finished') stop();
    },
    stop,
    // The notice that follows starts on a clean line; the next frame, under it, says "stopping".
    onInterrupt: () => {
      state.onInterrupt();
      erase();
    },
  };
}

function printPlain(stream: ProgressStream, state: ProgressState, now: () => number, width: number): LiveProgress & { onInterrupt(): void } {
  let started = false;
  let printedAt = 0;
  let tenthsPrinted = 0;
  let split = false;
  const print = () => {
    const snapshot = state.snapshot(now());
    const lines = renderPlainProgressLines(snapshot, width, { split });
    // Once a line a target, always: a log whose layout flips as a figure gains a digit is hard to read.
    split ||= lines.length > 1;
    stream.write(lines.map((line) => `${line}\n`).join(''));
    printedAt = now();
    tenthsPrinted = snapshot.total === 0 ? 0 : Math.floor((10 * snapshot.done) / snapshot.total);
  };
  const timer = setInterval(() => {
    if (started && now() - printedAt >= plainIntervalMs) print();
  }, 1000);
  timer.unref();
  const stop = () => {
    clearInterval(timer);
    started = false;
  };
  return {
    onEvent: (event) => {
      state.onEvent(event, now());
      if (event.type === 'run-started') {
        started = true;
        printedAt = now();
        tenthsPrinted = event.plannedRequests === 0 ? 0 : Math.floor((10 * event.alreadyDone) / event.plannedRequests);
      } else if (event.type === 'attempt-done' && event.record.final && started) {
        const { done, total } = state.counts;
        // The whole run's line is the one written when it finishes.
        if (done < total && Math.floor((10 * done) / total) > tenthsPrinted) print();
      } else if (event.type === 'run-finished' && started) {
        print();
        stop();
      }
    },
    stop,
    onInterrupt: () => state.onInterrupt(),
  };
}

/** 99 columns, or a column short of a terminal's width in CI when that is narrower. */
function plainWidthOf(stream: ProgressStream): number {
  return stream.isTTY === true && stream.columns ? Math.min(plainWidth, stream.columns - 1) : plainWidth;
}

/** Never with NO_COLOR set (no-color.org), and only where the terminal shows colours. */
function colourWanted(stream: ProgressStream, environment: Readonly<Record<string, string | undefined>>): boolean {
  if (environment.NO_COLOR !== undefined && environment.NO_COLOR !== '') return false;
  return stream.hasColors?.({ ...environment }) ?? false;
}

/**
 * The process's stderr. On a terminal the line is written to the file descriptor directly: the
 * CLI's output filter (safe-terminal-output.ts) would show our own escape sequences as text. What
 * the line holds from outside (labels, error types) is made inert before it gets here.
 */
function standardError(): ProgressStream {
  const stderr = process.stderr;
  return {
    get isTTY() {
      return stderr.isTTY;
    },
    get columns() {
      return stderr.columns;
    },
    hasColors: (environment) => stderr.hasColors?.(environment ?? {}) ?? false,
    write: (text) => {
      if (!stderr.isTTY) return stderr.write(text);
      try {
        writeSync(stderr.fd, text);
      } catch {
        // A frame that cannot be written now (EAGAIN) is replaced by the next one.
      }
      return true;
    },
  };
}
