import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ReportInput } from '../../reports/report-input.ts';
import type { RunEvent } from '../../reports/run-event.ts';
import { makeAttempt } from '../../stats/make-attempt.ts';
import { isContinuousIntegration } from './continuous-integration.ts';
import { startLiveProgress, type ProgressStream } from './start-live-progress.ts';

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
    const progress = startLiveProgress({ stream, quiet: false, environment: {}, now });
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
    const progress = startLiveProgress({ stream, quiet: false, environment: {}, now });
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
    const progress = startLiveProgress({ stream, quiet: false, environment: {}, now });
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
      const progress = startLiveProgress({ stream, quiet: false, environment: options.environment, now });
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

describe('startLiveProgress off a terminal or in CI', () => {
  it('prints a plain line at every tenth of the run, and a last one when it finishes', () => {
    const stream = fakeStream({ isTTY: false });
    const progress = startLiveProgress({ stream, quiet: false, environment: {}, now });
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
    const progress = startLiveProgress({ stream, quiet: false, environment: {}, now });
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
    const progress = startLiveProgress({ stream, quiet: false, environment: { CI: 'true' }, now });
    progress.onEvent(started(1));
    progress.onEvent(attempt(1));
    vi.advanceTimersByTime(1_000);
    progress.onEvent(finished);
    expect(stream.writes).toEqual(['progress: 1/1 (100%) · finished in 1s · openai/gpt-4o: TTFT p50 101ms\n']);
  });

  it('prints nothing at all with --quiet', () => {
    for (const isTTY of [true, false]) {
      const stream = fakeStream({ isTTY });
      const progress = startLiveProgress({ stream, quiet: true, environment: {}, now });
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
