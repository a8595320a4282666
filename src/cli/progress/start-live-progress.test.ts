import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ReportInput } from '../../reports/report-input.ts';
import type { RunEvent } from '../../reports/run-event.ts';
import { makeAttempt } from '../../stats/make-attempt.ts';
import { isContinuousIntegration } from './continuous-integration.ts';
import { startLiveProgress, type ProgressStream, type SignalSource } from './start-live-progress.ts';

/** A stderr stand-in that records each write. */
function fakeStream(options: { isTTY: boolean; colours?: boolean; columns?: number }): ProgressStream & { writes: string[] } {
  const writes: string[] = [];
  return {
    isTTY: options.isTTY,
    columns: options.columns ?? 120,
    hasColors: () => options.colours ?? true,
    write: (text: string) => writes.push(text),
    writes,
  };
}

/** Signals raised by the test, with the listeners heard in the order the process would call them. */
function fakeSignals(): SignalSource & { raise(signal: NodeJS.Signals): void; count(): number } {
  const emitter = new EventEmitter();
  return {
    prependListener: (signal, listener) => emitter.prependListener(signal, listener),
    off: (signal, listener) => emitter.off(signal, listener),
    raise: (signal) => emitter.emit(signal),
    count: () => emitter.eventNames().reduce((sum, name) => sum + emitter.listenerCount(name), 0),
  };
}

const started = (plannedRequests: number): RunEvent => ({ type: 'run-started', runId: 'r', folder: '/tmp/r', targets: ['openai/gpt-4o'], plannedRequests, alreadyDone: 0, alreadySpentUsd: 0 });
const attempt = (index: number): RunEvent => ({ type: 'attempt-done', record: makeAttempt({ caseId: `c${index}`, target: 'openai/gpt-4o', timing: { ttftMs: 100 + index } }) });
const finished: RunEvent = { type: 'run-finished', folder: '/tmp/r', report: {} as ReportInput };
const now = () => Date.now();

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('startLiveProgress on a terminal', () => {
  it('redraws one line at most 10 times a second however fast events come, and erases it when the run finishes', () => {
    const stream = fakeStream({ isTTY: true });
    const progress = startLiveProgress({ stream, quiet: false, environment: {}, now, signals: fakeSignals() });
    progress.onEvent(started(2_000));
    for (let index = 0; index < 2_000; index++) {
      progress.onEvent(attempt(index));
      vi.advanceTimersByTime(1);
    }
    // 2,000 events over 2 s: at most 20 frames.
    expect(stream.writes.length).toBeGreaterThan(5);
    expect(stream.writes.length).toBeLessThanOrEqual(20);
    expect(stream.writes.every((text) => text.startsWith('\r') && text.endsWith('\x1b[K') && !text.includes('\n'))).toBe(true);
    expect(stream.writes.at(-1)).toContain('/2000');
    progress.onEvent(finished);
    expect(stream.writes.at(-1)).toBe('\r\x1b[K');
    const written = stream.writes.length;
    vi.advanceTimersByTime(5_000);
    progress.stop();
    expect(stream.writes.length).toBe(written);
  });

  it('draws nothing before the run starts sending, and erases the line when stopped early (an error)', () => {
    const stream = fakeStream({ isTTY: true });
    const progress = startLiveProgress({ stream, quiet: false, environment: {}, now, signals: fakeSignals() });
    vi.advanceTimersByTime(1_000);
    expect(stream.writes).toEqual([]);
    progress.onEvent(started(10));
    progress.onEvent(attempt(1));
    vi.advanceTimersByTime(100);
    expect(stream.writes).toHaveLength(1);
    progress.stop();
    progress.stop();
    expect(stream.writes.slice(1)).toEqual(['\r\x1b[K']);
  });

  it('fits the line to the terminal, a column short of its width', () => {
    const stream = fakeStream({ isTTY: true, columns: 30, colours: false });
    const progress = startLiveProgress({ stream, quiet: false, environment: {}, now, signals: fakeSignals() });
    progress.onEvent(started(10));
    progress.onEvent(attempt(1));
    vi.advanceTimersByTime(100);
    const line = stream.writes[0]!.slice(1, -'\x1b[K'.length);
    expect(line.length).toBeLessThanOrEqual(29);
    expect(line).toMatch(/^1\/10 10%/);
    progress.stop();
  });

  it('colours only where the terminal shows colours, and never with NO_COLOR', () => {
    const line = (options: { colours: boolean; environment: Record<string, string> }) => {
      const stream = fakeStream({ isTTY: true, colours: options.colours });
      const progress = startLiveProgress({ stream, quiet: false, environment: options.environment, now, signals: fakeSignals() });
      progress.onEvent(started(10));
      progress.onEvent(attempt(1));
      vi.advanceTimersByTime(100);
      progress.stop();
      return stream.writes[0]!.slice(1, -'\x1b[K'.length);
    };
    expect(line({ colours: true, environment: {} })).toContain('\x1b[');
    expect(line({ colours: false, environment: {} })).not.toContain('\x1b[');
    expect(line({ colours: true, environment: { NO_COLOR: '1' } })).not.toContain('\x1b[');
  });
});

describe('startLiveProgress when the run is interrupted', () => {
  it('erases the live line before the interrupt notice, then says the run is stopping instead of an ETA', () => {
    const stream = fakeStream({ isTTY: true, colours: false });
    const signals = fakeSignals();
    // The interrupt handler, installed before the progress starts, writes its notice to the same terminal.
    signals.prependListener('SIGINT', () => stream.write('\nSIGINT: no new requests; …\n'));
    const progress = startLiveProgress({ stream, quiet: false, environment: {}, now, signals });
    progress.onEvent(started(10));
    progress.onEvent(attempt(1));
    vi.advanceTimersByTime(100);
    expect(stream.writes).toHaveLength(1);
    expect(stream.writes[0]).toContain('ETA');
    signals.raise('SIGINT');
    expect(stream.writes.slice(1)).toEqual(['\r\x1b[K', '\nSIGINT: no new requests; …\n']);
    progress.onEvent(attempt(2));
    vi.advanceTimersByTime(100);
    expect(stream.writes[3]).toMatch(/^\r[█░]+ 2\/10 20% · stopping: waiting for requests in flight/);
    expect(stream.writes[3]).not.toContain('ETA');
    // The second signal quits at once: the line goes first again.
    signals.raise('SIGINT');
    expect(stream.writes.slice(4)).toEqual(['\r\x1b[K', '\nSIGINT: no new requests; …\n']);
    progress.stop();
    // Only the interrupt handler's own listener is left.
    expect(signals.count()).toBe(1);
  });

  it('off a terminal, says the run is stopping, then that it was interrupted, not finished', () => {
    const stream = fakeStream({ isTTY: false });
    const signals = fakeSignals();
    const progress = startLiveProgress({ stream, quiet: false, environment: {}, now, signals });
    progress.onEvent(started(100));
    progress.onEvent(attempt(1));
    signals.raise('SIGTERM');
    vi.advanceTimersByTime(10_000);
    expect(stream.writes).toEqual(['progress: 1/100 (1%) · stopping: waiting for requests in flight · openai/gpt-4o: TTFT p50 101ms\n']);
    vi.advanceTimersByTime(25_000);
    progress.onEvent(finished);
    expect(stream.writes.at(-1)).toBe('progress: 1/100 (1%) · interrupted after 35s · openai/gpt-4o: TTFT p50 101ms\n');
    expect(signals.count()).toBe(0);
  });
});

describe('startLiveProgress off a terminal or in CI', () => {
  it('keeps a line a target once the plain lines have split, rather than flip back as the figures shrink', () => {
    const stream = fakeStream({ isTTY: false });
    const progress = startLiveProgress({ stream, quiet: false, environment: {}, now, signals: fakeSignals() });
    const label = `openai/${'m'.repeat(33)}`;
    const done = (index: number) => progress.onEvent({ type: 'attempt-done', record: makeAttempt({ caseId: `c${index}`, target: label, timing: { ttftMs: 250 } }) });
    progress.onEvent({ type: 'run-started', runId: 'r', folder: '/tmp/r', targets: [label], plannedRequests: 100, alreadyDone: 0, alreadySpentUsd: 0 });
    done(0);
    vi.advanceTimersByTime(10_000);
    for (let index = 1; index < 10; index++) done(index);
    // 100 columns on one line at 1%, 99 at 10%: split at the first, and still split at the second.
    expect(stream.writes).toEqual([
      `progress: 1/100 (1%) · 0.1/s · ETA 16m30s\nprogress:   ${label}: TTFT p50 250ms\n`,
      `progress: 10/100 (10%) · 1/s · ETA 1m30s\nprogress:   ${label}: TTFT p50 250ms\n`,
    ]);
    expect(`progress: 10/100 (10%) · 1/s · ETA 1m30s · ${label}: TTFT p50 250ms`).toHaveLength(99);
    progress.stop();
  });

  it('prints plain lines on a dumb terminal (TERM=dumb), which shows the redraw escapes as text', () => {
    const stream = fakeStream({ isTTY: true });
    const progress = startLiveProgress({ stream, quiet: false, environment: { TERM: 'dumb' }, now, signals: fakeSignals() });
    progress.onEvent(started(1));
    progress.onEvent(attempt(1));
    vi.advanceTimersByTime(1_000);
    progress.onEvent(finished);
    expect(stream.writes).toEqual(['progress: 1/1 (100%) · finished in 1s · openai/gpt-4o: TTFT p50 101ms\n']);
  });

  it('keeps every plain line within 99 columns: a line a target when they do not fit on one', () => {
    const stream = fakeStream({ isTTY: false });
    const progress = startLiveProgress({ stream, quiet: false, environment: {}, now, signals: fakeSignals() });
    const labels = ['y'.repeat(300), 'openai/gpt-4o-mini@openai', 'openai/gpt-4o-mini@azure'];
    progress.onEvent({ type: 'run-started', runId: 'r', folder: '/tmp/r', targets: labels, plannedRequests: 3, alreadyDone: 0, alreadySpentUsd: 0 });
    for (const label of labels) progress.onEvent({ type: 'attempt-done', record: makeAttempt({ caseId: 'c', target: label, timing: { ttftMs: 250 } }) });
    vi.advanceTimersByTime(2_000);
    progress.onEvent(finished);
    // The last write: the run's line and one a target, written at once.
    const lines = stream.writes.at(-1)!.split('\n').filter(Boolean);
    expect(lines).toEqual([
      'progress: 3/3 (100%) · finished in 2s',
      expect.stringMatching(/^progress: {3}y{30,}…y{30,}: TTFT p50 250ms$/u),
      'progress:   openai/gpt-4o-mini@openai: TTFT p50 250ms',
      'progress:   openai/gpt-4o-mini@azure: TTFT p50 250ms',
    ]);
    for (const line of stream.writes.join('').split('\n')) expect(line.length).toBeLessThanOrEqual(99);
  });

  it('prints a plain line at every tenth of the run, and a last one when it finishes', () => {
    const stream = fakeStream({ isTTY: false });
    const progress = startLiveProgress({ stream, quiet: false, environment: {}, now, signals: fakeSignals() });
    progress.onEvent(started(100));
    for (let index = 0; index < 100; index++) progress.onEvent(attempt(index));
    progress.onEvent(finished);
    expect(stream.writes.map((text) => text.slice(0, text.indexOf(')') + 1))).toEqual([
      ...[10, 20, 30, 40, 50, 60, 70, 80, 90].map((percent) => `progress: ${percent}/100 (${percent}%)`),
      'progress: 100/100 (100%)',
    ]);
    expect(stream.writes.every((text) => text.endsWith('\n') && !text.includes('\x1b'))).toBe(true);
  });

  it('prints a line every 10 s while the run is slow', () => {
    const stream = fakeStream({ isTTY: false });
    const progress = startLiveProgress({ stream, quiet: false, environment: {}, now, signals: fakeSignals() });
    progress.onEvent(started(100));
    progress.onEvent(attempt(1));
    vi.advanceTimersByTime(9_000);
    expect(stream.writes).toEqual([]);
    vi.advanceTimersByTime(16_000);
    expect(stream.writes).toHaveLength(2);
    // One slot in the first 10 s: 0.1 a second, and 99 to go.
    expect(stream.writes[0]).toBe('progress: 1/100 (1%) · 0.1/s · ETA 16m30s · openai/gpt-4o: TTFT p50 101ms\n');
    progress.stop();
    vi.advanceTimersByTime(60_000);
    expect(stream.writes).toHaveLength(2);
  });

  it('prints plain lines in CI even on a terminal', () => {
    const stream = fakeStream({ isTTY: true });
    const progress = startLiveProgress({ stream, quiet: false, environment: { CI: 'true' }, now, signals: fakeSignals() });
    progress.onEvent(started(1));
    progress.onEvent(attempt(1));
    vi.advanceTimersByTime(1_000);
    progress.onEvent(finished);
    expect(stream.writes).toEqual(['progress: 1/1 (100%) · finished in 1s · openai/gpt-4o: TTFT p50 101ms\n']);
  });

  it('prints nothing at all with --quiet', () => {
    for (const isTTY of [true, false]) {
      const stream = fakeStream({ isTTY });
      const progress = startLiveProgress({ stream, quiet: true, environment: {}, now, signals: fakeSignals() });
      progress.onEvent(started(10));
      for (let index = 0; index < 10; index++) progress.onEvent(attempt(index));
      vi.advanceTimersByTime(20_000);
      progress.onEvent(finished);
      progress.stop();
      expect(stream.writes).toEqual([]);
    }
  });
});

describe('isContinuousIntegration', () => {
  it('knows CI by CI, CI_* variables and the services that set neither, and not when CI is false', () => {
    expect(isContinuousIntegration({})).toBe(false);
    expect(isContinuousIntegration({ HOME: '/root', TERM: 'xterm' })).toBe(false);
    expect(isContinuousIntegration({ CI: 'true' })).toBe(true);
    expect(isContinuousIntegration({ CI: '1' })).toBe(true);
    expect(isContinuousIntegration({ CI_PIPELINE_ID: '7' })).toBe(true);
    expect(isContinuousIntegration({ JENKINS_URL: 'http://jenkins' })).toBe(true);
    expect(isContinuousIntegration({ TF_BUILD: 'True' })).toBe(true);
    expect(isContinuousIntegration({ CI: 'false', GITHUB_ACTIONS: 'true' })).toBe(false);
    expect(isContinuousIntegration({ CI: '0' })).toBe(false);
  });
});
