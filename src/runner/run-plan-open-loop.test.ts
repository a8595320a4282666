import { describe, expect, it } from 'vitest';
import type { AttemptRecord } from '../records/attempt-record.ts';
import { arrivalSchedule } from './arrival-schedule.ts';
import type { Plan } from './plan-run.ts';
import type { RunDependencies, RunSettings } from './run-plan.ts';
import { FakeClock } from './test/fake-clock.ts';
import { answer, failure, fakeCase, scriptedAttempts, type Script } from './test/scripted-attempts.ts';
import { runScripted } from './test/run-scripted.ts';

const cases = (count: number) => Array.from({ length: count }, (_, index) => fakeCase(`c${index + 1}`));

/**
 * runScripted with a model that says when each request left (AttemptResult.sentAtMs, on the fake
 * clock), as every engine must: the records' sentMs and dispatch delays come from it.
 */
async function runTimed(input: { cases: number; scripts: Record<string, Script>; settings?: Partial<RunSettings>; dependencies?: Partial<RunDependencies>; plan?: (plan: Plan) => Plan }) {
  const clock = new FakeClock();
  const model = scriptedAttempts(clock, input.scripts);
  const run = await runScripted({
    clock,
    cases: cases(input.cases),
    scripts: input.scripts,
    ...(input.settings ? { settings: input.settings } : {}),
    ...(input.plan ? { plan: input.plan } : {}),
    dependencies: {
      attempt: async (request, settings, dependencies) => {
        const sentAtMs = clock.now();
        return { ...(await model.attempt(request, settings, dependencies)), sentAtMs };
      },
      ...input.dependencies,
    },
  });
  return { ...run, sent: model.sent };
}

const schedules = (records: AttemptRecord[]) => records.map((record) => record.schedule);
const byCase = (records: AttemptRecord[]) => [...records].sort((a, b) => a.caseId.localeCompare(b.caseId, 'en', { numeric: true }));

describe('runPlan open loop, on a fake clock', () => {
  it('starts each slot at its poisson time from --seed, however slow the server: a slow one does not slow the arrivals', async () => {
    const offsets = Array.from(arrivalSchedule(8, { process: 'poisson', ratePerSecond: 20, seed: 42 }));
    const settings = { ratePerSecond: 20, arrival: { process: 'poisson' as const, seed: 42 }, concurrency: 100, targetConcurrency: 100 };
    const fast = await runTimed({ cases: 8, scripts: { a: answer({ e2eMs: 10 }) }, settings });
    const slow = await runTimed({ cases: 8, scripts: { a: answer({ e2eMs: 5000 }) }, settings });
    expect(new Set(offsets).size).toBe(8);
    expect(fast.sent.map((request) => request.sentAt)).toEqual(offsets);
    expect(slow.sent.map((request) => request.sentAt)).toEqual(offsets);
    expect(byCase(slow.result.records).map((record) => record.schedule)).toEqual(offsets.map((at) => ({ scheduledMs: at, placedMs: at, sentMs: at, dispatchDelayMs: 0 })));
  });

  it('closed loop (no rate): a slow server does slow the sends, and the records hide it (dispatch delay 0)', async () => {
    const settings = { concurrency: 2, targetConcurrency: 2 };
    const fast = await runTimed({ cases: 4, scripts: { a: answer({ e2eMs: 100 }) }, settings });
    const slow = await runTimed({ cases: 4, scripts: { a: answer({ e2eMs: 1000 }) }, settings });
    expect(fast.sent.map((request) => request.sentAt)).toEqual([0, 0, 100, 100]);
    expect(slow.sent.map((request) => request.sentAt)).toEqual([0, 0, 1000, 1000]);
    // Scheduled when the caps gave the slot its place to send: the wait behind them is not counted.
    expect(schedules(byCase(slow.result.records))).toEqual([0, 0, 1000, 1000].map((at) => ({ scheduledMs: at, placedMs: at, sentMs: at, dispatchDelayMs: 0 })));
    // No latency from a scheduled time: a closed loop has none, and counts from the send.
    expect(slow.result.records.every((record) => record.timing.ttftMs !== undefined && record.timing.ttftFromScheduledMs === undefined && record.timing.e2eFromScheduledMs === undefined)).toBe(true);
  });

  it('a capped concurrency holds arrivals back: the dispatch delay grows, and TTFT and e2e from the scheduled time include it', async () => {
    const { result, sent } = await runTimed({
      cases: 4,
      scripts: { a: answer({ e2eMs: 250, ttftMs: 50 }) },
      settings: { ratePerSecond: 10, concurrency: 1, targetConcurrency: 1 },
    });
    expect(sent.map((request) => request.sentAt)).toEqual([0, 250, 500, 750]);
    const records = byCase(result.records);
    expect(schedules(records)).toEqual([
      // Every wait is the cap's (placed late), none the harness's (sent the moment it was placed).
      { scheduledMs: 0, placedMs: 0, sentMs: 0, dispatchDelayMs: 0 },
      { scheduledMs: 100, placedMs: 250, sentMs: 250, dispatchDelayMs: 150 },
      { scheduledMs: 200, placedMs: 500, sentMs: 500, dispatchDelayMs: 300 },
      { scheduledMs: 300, placedMs: 750, sentMs: 750, dispatchDelayMs: 450 },
    ]);
    expect(records.map((record) => record.timing.ttftMs)).toEqual([50, 50, 50, 50]);
    expect(records.map((record) => record.timing.ttftFromScheduledMs)).toEqual([50, 200, 350, 500]);
    expect(records.map((record) => record.timing.e2eFromScheduledMs)).toEqual([250, 400, 550, 700]);
  });

  it('a per-target cap holds arrivals back too, while another target keeps its times', async () => {
    const { result } = await runTimed({
      cases: 3,
      scripts: { a: answer({ e2eMs: 1000 }), b: answer({ e2eMs: 10 }) },
      settings: { ratePerSecond: 10, concurrency: 10, targetConcurrency: 1 },
    });
    const delays = (target: string) => byCase(result.records.filter((record) => record.target === target)).map((record) => record.schedule?.dispatchDelayMs);
    expect(delays('b')).toEqual([0, 0, 0]);
    expect(delays('a').every((delay) => delay !== undefined)).toBe(true);
    expect(Math.max(...delays('a').map(Number))).toBeGreaterThanOrEqual(1500);
  });

  it('retries are not scheduled: they keep their slot’s scheduled time, and their delay counts the back-off', async () => {
    const { result } = await runTimed({
      cases: 2,
      scripts: { a: (request, call) => (request.testCase.id === 'c2' && call === 1 ? failure('server_error', { retryAfterMs: 700 }) : answer({ e2eMs: 100 })) },
      settings: { ratePerSecond: 2, maxRetries: 1 },
    });
    const c2 = result.records.filter((record) => record.caseId === 'c2');
    expect(c2.map((record) => record.schedule)).toEqual([
      { scheduledMs: 500, placedMs: 500, sentMs: 500, dispatchDelayMs: 0 },
      { scheduledMs: 500, placedMs: 1200, sentMs: 1200, dispatchDelayMs: 700 },
    ]);
    expect(c2[1]?.timing.ttftFromScheduledMs).toBe(750);
  });

  it('a resume keeps the slots’ offsets, shifted so the first left is at 0; a shard keeps them unshifted', async () => {
    const offsets = Array.from(arrivalSchedule(6, { process: 'poisson', ratePerSecond: 5, seed: 3 }));
    const lastThree = (plan: Plan) => ({ ...plan, requests: plan.requests.slice(3) });
    const arrival = { process: 'poisson' as const, seed: 3 };
    const resumed = await runTimed({ cases: 6, scripts: { a: answer() }, settings: { ratePerSecond: 5, arrival: { ...arrival, shiftToFirst: true } }, plan: lastThree });
    const shard = await runTimed({ cases: 6, scripts: { a: answer() }, settings: { ratePerSecond: 5, arrival }, plan: lastThree });
    const first = offsets[3]!;
    expect(first).toBeGreaterThan(0);
    expect(resumed.sent.map((request) => request.sentAt)).toEqual(offsets.slice(3).map((at) => at - first));
    expect(byCase(resumed.result.records).map((record) => record.schedule?.scheduledMs)).toEqual(offsets.slice(3).map((at) => at - first));
    expect(shard.sent.map((request) => request.sentAt)).toEqual(offsets.slice(3));
  });

  it('a stop ends the arrivals: slots not yet due are never sent', async () => {
    const stop = new AbortController();
    const { result, sent } = await runTimed({
      cases: 10,
      // Ctrl-C as the 4th request goes out, at 300 ms.
      scripts: {
        a: (request) => {
          if (request.testCase.id === 'c4') stop.abort();
          return answer({ e2eMs: 10 });
        },
      },
      settings: { ratePerSecond: 10 },
      dependencies: { signal: stop.signal },
    });
    expect(sent.map((request) => request.sentAt)).toEqual([0, 100, 200, 300]);
    expect(result.records).toHaveLength(4);
  });

  it('--start-at: the schedule’s zero is that wall time, after the warm-ups; one already past starts at once, with a notice', async () => {
    const wallAtZero = Date.UTC(2026, 11, 7, 15);
    const notices: string[] = [];
    const clock = new FakeClock();
    const ahead = await runScripted({
      clock,
      cases: cases(2),
      scripts: { a: answer() },
      settings: { ratePerSecond: 10, startAtMs: wallAtZero + 5000, warmup: 1 },
      dependencies: { wallClock: () => wallAtZero + clock.now(), onNotice: (message) => notices.push(message) },
    });
    // The warm-up went out at 0; the slots at the start time and 100 ms after.
    expect(ahead.sent.map((request) => request.sentAt)).toEqual([0, 5000, 5100]);
    expect(ahead.result.scheduleStartedAt).toBe('2026-12-07T15:00:05.000Z');
    expect(byCase(ahead.result.records).map((record) => record.schedule?.scheduledMs)).toEqual([0, 100]);
    expect(notices).toEqual([]);

    const late = new FakeClock();
    const past = await runScripted({
      clock: late,
      cases: cases(2),
      scripts: { a: answer() },
      settings: { ratePerSecond: 10, startAtMs: wallAtZero - 60_000 },
      dependencies: { wallClock: () => wallAtZero + late.now(), onNotice: (message) => notices.push(message) },
    });
    expect(past.sent.map((request) => request.sentAt)).toEqual([0, 100]);
    expect(past.result.scheduleStartedAt).toBe('2026-12-07T15:00:00.000Z');
    expect(notices).toEqual(['--start-at 2026-12-07T14:59:00.000Z had passed 60.0 s ago: the schedule starts now.']);
  });

  it('a cached answer gets its slot’s scheduled time and no send', async () => {
    const store = new Map<string, { output: string; usage: { estimated: boolean } }>([['c2', { output: 'kept', usage: { estimated: false } }]]);
    const { result } = await runTimed({
      cases: 2,
      scripts: { a: answer() },
      settings: { ratePerSecond: 4 },
      dependencies: {
        cache: {
          keyOf: (request) => request.testCase.id,
          store: { get: async (key: string) => store.get(key), put: async () => undefined } as never,
        },
      },
    });
    const cached = result.records.find((record) => record.caseId === 'c2');
    expect(cached?.cached).toBe(true);
    expect(cached?.schedule).toEqual({ scheduledMs: 250 });
  });

  it('a bug that throws in one slot fails the run once every other slot has ended, not silently', async () => {
    const clock = new FakeClock();
    const model = scriptedAttempts(clock, { a: answer({ e2eMs: 500 }) });
    const running = runScripted({
      clock,
      cases: cases(3),
      scripts: { a: answer() },
      settings: { ratePerSecond: 10 },
      dependencies: {
        attempt: async (request, settings, dependencies) => {
          if (request.testCase.id === 'c2') throw new Error('a bug in an engine');
          return model.attempt(request, settings, dependencies);
        },
      },
    });
    await expect(running).rejects.toThrow('a bug in an engine');
    expect(model.sent.map((request) => [request.caseId, request.endedAt])).toEqual([['c1', 500], ['c3', 700]]);
  });
});
