import { describe, expect, it } from 'vitest';
import type { ReportInput } from '../../reports/report-input.ts';
import type { RunEvent } from '../../reports/run-event.ts';
import { makeAttempt } from '../../stats/make-attempt.ts';
import { ProgressState } from './progress-state.ts';

const started = (plannedRequests: number, alreadyDone = 0, targets = ['a', 'b'], alreadySpentUsd = 0): RunEvent => ({ type: 'run-started', runId: 'r', folder: '/tmp/r', targets, plannedRequests, alreadyDone, alreadySpentUsd });
const done = (overrides: Parameters<typeof makeAttempt>[0]): RunEvent => ({ type: 'attempt-done', record: makeAttempt({ target: 'a', ...overrides }) });
const timeout = { type: 'timeout' as const, message: 'timed out' };
const finishedReport = (run: Partial<ReportInput['run']>): ReportInput => ({ records: [], summaries: [], comparisons: [], run: { runId: 'r', simulatedTargets: [], ...run } });
const passed = { score: 1, passed: true, reason: '' };
const failed = { score: 0, passed: false, reason: '' };

describe('ProgressState', () => {
  it('counts slots done, resumed ones included, and the rate and ETA of this session', () => {
    const state = new ProgressState();
    state.onEvent(started(10, 2), 1_000);
    state.onEvent(done({ caseId: '1' }), 1_500);
    state.onEvent(done({ caseId: '2', final: false, error: timeout }), 2_000);
    state.onEvent(done({ caseId: '2', attempt: 2 }), 2_500);
    state.onEvent(done({ caseId: '3' }), 3_000);
    state.onEvent(done({ caseId: '4' }), 4_000);
    // 4 slots done by this session in 4 s: 1 per second, and 4 of 10 slots still to do.
    const snapshot = state.snapshot(5_000);
    expect(snapshot).toMatchObject({ done: 6, total: 10, elapsedMs: 4_000, slotsPerSecond: 1, etaMs: 4_000, retries: 1, errors: [], finished: false });
  });

  it('knows no rate or ETA before a slot is done, and stops the clock when the run finishes', () => {
    const state = new ProgressState();
    expect(state.snapshot(0)).toMatchObject({ done: 0, total: 0, elapsedMs: 0, slotsPerSecond: undefined, etaMs: undefined });
    state.onEvent(started(4), 0);
    expect(state.snapshot(3_000)).toMatchObject({ elapsedMs: 3_000, slotsPerSecond: undefined, etaMs: undefined });
    state.onEvent(done({}), 1_000);
    state.onEvent({ type: 'run-finished', folder: '/tmp/r', report: {} as ReportInput }, 2_000);
    expect(state.snapshot(60_000)).toMatchObject({ done: 1, elapsedMs: 2_000, slotsPerSecond: 0.5, finished: true });
  });

  it('counts errors by type as the summary does (slots that ended unanswered), most first', () => {
    const state = new ProgressState();
    state.onEvent(started(6), 0);
    state.onEvent(done({ caseId: '1', error: { type: 'stream_error', message: 'cut' } }), 1);
    state.onEvent(done({ caseId: '2', error: timeout }), 2);
    state.onEvent(done({ caseId: '3', error: timeout }), 3);
    state.onEvent(done({ caseId: '4', final: false, error: { type: 'rate_limited', message: '429' } }), 4);
    state.onEvent(done({ caseId: '5', error: { type: 'auth', message: '401' } }), 5);
    expect(state.snapshot(10).errors).toEqual([
      { type: 'timeout', count: 2 },
      { type: 'auth', count: 1 },
      { type: 'stream_error', count: 1 },
    ]);
    expect(state.snapshot(10).retries).toBe(1);
  });

  it('sums what was spent: answers (not cached ones) and their judges; unknown while no cost is known', () => {
    const state = new ProgressState(0.5);
    state.onEvent(started(4), 0);
    state.onEvent(done({ caseId: '1' }), 1);
    expect(state.snapshot(1)).toMatchObject({ spentUsd: undefined, maxCostUsd: 0.5 });
    state.onEvent(done({ caseId: '2', costUsd: 0.25 }), 2);
    state.onEvent(done({ caseId: '3', costUsd: 0.125, cached: true }), 3);
    state.onEvent(done({ caseId: '4', costUsd: 0.0625, score: { ...passed, judge: { costUsd: 0.03125 } } }), 4);
    state.onEvent(done({ caseId: '5', final: false, costUsd: 0.5, error: timeout }), 5);
    expect(state.snapshot(5).spentUsd).toBe(0.25 + 0.0625 + 0.03125 + 0.5);
  });

  it('counts a slot whose retry was never sent (its target stopped) as done with its last error, as the summary does', () => {
    const state = new ProgressState();
    state.onEvent(started(2), 0);
    state.onEvent(done({ caseId: '1', final: false, error: timeout }), 1);
    state.onEvent(done({ caseId: '2', score: passed }), 2);
    expect(state.snapshot(2)).toMatchObject({ done: 1, retries: 1, errors: [] });
    state.onEvent({ type: 'run-finished', folder: '/tmp/r', report: {} as ReportInput }, 3);
    expect(state.snapshot(3)).toMatchObject({ done: 2, retries: 1, errors: [{ type: 'timeout', count: 1 }] });
    expect(state.snapshot(3).targets.find((target) => target.label === 'a')?.passRate).toBe(0.5);
  });

  it("starts a resumed run's spend at what its earlier sessions spent, as --max-cost counts it", () => {
    const state = new ProgressState(1);
    state.onEvent(started(4, 2, ['a', 'b'], 0.375), 0);
    expect(state.snapshot(0).spentUsd).toBe(0.375);
    state.onEvent(done({ caseId: '3', costUsd: 0.125 }), 1);
    expect(state.snapshot(1).spentUsd).toBe(0.5);
  });

  it('keeps a live TTFT p50 per target (answered attempts, retries included) and a pass rate with unanswered slots counted failed', () => {
    const state = new ProgressState();
    state.onEvent(started(12), 0);
    for (const [index, ttftMs] of [400, 100, 300].entries()) state.onEvent(done({ caseId: `a${index}`, timing: { ttftMs }, score: passed }), index);
    state.onEvent(done({ caseId: 'a3', final: false, timing: { ttftMs: 200 }, error: timeout }), 4);
    state.onEvent(done({ caseId: 'a3', attempt: 2, timing: { ttftMs: 200 }, score: failed }), 5);
    state.onEvent(done({ caseId: 'a4', error: timeout }), 6);
    state.onEvent(done({ caseId: 'a5', score: { ...failed, unscored: true } }), 7);
    state.onEvent(done({ caseId: 'b0', target: 'b', timing: { ttftMs: 50 } }), 8);
    state.onEvent({ type: 'target-stopped', target: 'b', reason: 'quota' }, 9);
    expect(state.snapshot(10).targets).toEqual([
      // TTFT of 100, 200, 300, 400 (the failed attempt's 200 is not an answer's): 250. Pass: 3 of 5 (a5 has no verdict).
      { label: 'a', ttftP50Ms: 250, passRate: 3 / 5, stopped: false },
      // Answered with no assertions: no pass rate, not 0.
      { label: 'b', ttftP50Ms: 50, passRate: undefined, stopped: true },
    ]);
  });

  it('after a signal, promises no ETA for the slots that will never be sent, and says why the run stopped', () => {
    const state = new ProgressState();
    state.onEvent(started(10), 0);
    state.onEvent(done({ caseId: '1' }), 1_000);
    expect(state.snapshot(2_000)).toMatchObject({ etaMs: 18_000, stoppedBy: undefined });
    state.onInterrupt();
    expect(state.snapshot(2_000)).toMatchObject({ done: 1, etaMs: undefined, stoppedBy: 'signal', finished: false });
    state.onEvent({ type: 'run-finished', folder: '/tmp/r', report: finishedReport({ budgetReached: true }) }, 3_000);
    // The signal came first: the run was interrupted, whatever else stopped it.
    expect(state.snapshot(4_000)).toMatchObject({ stoppedBy: 'signal', finished: true, elapsedMs: 3_000 });
  });

  it('knows a run that stopped at --max-cost from its report, and a signal after the end changes nothing', () => {
    const state = new ProgressState(0.01);
    state.onEvent(started(10), 0);
    state.onEvent(done({ caseId: '1', costUsd: 0.009 }), 1_000);
    state.onEvent({ type: 'run-finished', folder: '/tmp/r', report: finishedReport({ budgetReached: true }) }, 2_000);
    state.onInterrupt();
    expect(state.snapshot(3_000)).toMatchObject({ stoppedBy: 'budget', etaMs: undefined, finished: true });
    const completed = new ProgressState();
    completed.onEvent(started(1), 0);
    completed.onEvent(done({ caseId: '1' }), 1_000);
    completed.onEvent({ type: 'run-finished', folder: '/tmp/r', report: finishedReport({}) }, 2_000);
    expect(completed.snapshot(3_000).stoppedBy).toBeUndefined();
  });
});
