import PQueue from 'p-queue';
import type { AttemptRecord } from '../records/attempt-record.ts';
import type { HarnessCheck } from '../records/harness-check.ts';
import type { BackoffOptions } from './backoff-delay.ts';
import type { AttemptBudget, AttemptFunction } from './budgeted-attempt.ts';
import { closedLoopSlots } from './closed-loop-slots.ts';
import { deliverRecords } from './deliver-records.ts';
import { dispatchArrivals } from './dispatch-arrivals.ts';
import { longSleep } from './long-sleep.ts';
import type { Plan, PlannedRequest } from './plan-run.ts';
import { plannedArrivals, type ArrivalSettings } from './planned-arrivals.ts';
import type { AttemptDependencies, AttemptSettings } from './run-attempt.ts';
import { runSlot, type SlotCache } from './run-slot.ts';
import { runPipelineSlot } from './pipeline/run-pipeline-slot.ts';
import type { StepTargetOf } from './pipeline/step-target.ts';
import { waitForScheduleZero } from './schedule-zero.ts';
import type { Sleep } from './sleep-unless-stopped.ts';
import { disposeGovernors, targetGovernors } from './target-governors.ts';
import { warmUp } from './warm-up.ts';

export type RunSettings = AttemptSettings & {
  /** Requests in flight overall. */
  concurrency: number;
  /** Requests in flight per target, at most; lowered for a while after a 429. */
  targetConcurrency: number;
  /** Unrecorded requests per target before measuring: they pay the process's one-time costs. */
  warmup: number;
  /** Retries after a rate limit, server or network error; each is its own recorded attempt. */
  maxRetries: number;
  /** A target whose recent slots failed more often than this is stopped (circuit breaker). */
  maxErrorRate: number;
  /**
   * Open loop: new requests per second, all targets together, each slot started at its time in
   * a schedule fixed before the run (`arrival`), whatever became of the slots before it; the
   * concurrency caps may still hold it back, and its latency from the scheduled time counts the
   * wait. Undefined: closed loop, as fast as the concurrency allows.
   */
  ratePerSecond?: number;
  /** Open loop: the arrival process (default constant, seed 1). */
  arrival?: ArrivalSettings;
  /** Epoch ms (--start-at): the schedule's zero, waited for after the warm-ups. */
  startAtMs?: number;
  backoff?: BackoffOptions;
};

export type RunDependencies = AttemptDependencies & {
  /** Receives each record as soon as its attempt ends, one at a time, in completion order. */
  onRecord: (record: AttemptRecord) => Promise<void> | void;
  /**
   * Called at once for each record, concurrently with the others (scoring, which may ask a
   * judge model), and returns a new record (`{ ...record, score }`): that one is what `onRecord`
   * gets, after it settles, still one at a time and in completion order, and what the result
   * holds. Without it, a slow step in `onRecord` would hold up every later record.
   */
  prepareRecord?: (record: AttemptRecord) => Promise<AttemptRecord>;
  /** Milliseconds on a monotonic clock: pacing and rate-limit pauses. Default `performance.now`. */
  now?: () => number;
  /** Resolves after the wait, or early when the signal aborts (never throws). Default: real timers. */
  sleep?: Sleep;
  /** Sends one attempt and measures it; never throws for a failed request. Default `runAttempt`. */
  attempt?: AttemptFunction;
  /** Wall-clock epoch ms, for --start-at. Default `Date.now`. */
  wallClock?: () => number;
  /** Told about a --start-at already past. */
  onNotice?: (message: string) => void;
  /** Called the moment a target is stopped (auth or quota error, circuit breaker), once per target. */
  onTargetStopped?: (target: string, reason: string) => void;
  /** Aborting stops scheduling: no new slot starts, no retry is sent; requests in flight go on. */
  signal?: AbortSignal;
  /** `--max-cost`, with each attempt's worst-case cost. */
  budget?: AttemptBudget;
  /** `--cache`, with each request's key. */
  cache?: SlotCache;
  /** Keep every record in RunResult.records (default true); false: they only go to onRecord (results.jsonl), and records is []. */
  retainRecords?: boolean;
  /**
   * Told once the warm-ups are over, with what they cost: they leave no record, and a resumed
   * run's budget must still count them. An attempt of unknown cost counts at its worst case when
   * there is a budget, as the budget booked it, and not at all otherwise.
   */
  onWarmedUp?: (costUsd: number) => Promise<void> | void;
  /** Multi-call cases: the target each step is sent to (default: the run target). */
  stepTarget?: StepTargetOf;
};

export type RunResult = {
  records: AttemptRecord[];
  /** Targets stopped before their last slot: auth or quota errors, or the circuit breaker. */
  stoppedTargets: Array<{ target: string; reason: string }>;
  /** True when the budget stopped scheduling. */
  budgetReached: boolean;
  /** The wall-clock time (ISO) of the arrival schedule's zero, which records' `schedule` counts from (open and closed loop). */
  scheduleStartedAt?: string;
  /** The harness's check on itself over the run (set by the session, which runs the monitor). */
  harness?: HarnessCheck;
};

/** Runs the plan and returns every attempt's record; failures are records, not exceptions. */
export async function runPlan(plan: Plan, settings: RunSettings, dependencies: RunDependencies): Promise<RunResult> {
  const sleep = dependencies.sleep ?? longSleep;
  const now = dependencies.now ?? (() => performance.now());
  const { records, deliver, delivered } = deliverRecords(dependencies);
  let budgetReached = false;
  // Scheduling ends on a stop (Ctrl-C) or at the budget: either ends back-off waits and pauses.
  const halt = new AbortController();
  const onStop = () => halt.abort();
  if (dependencies.signal?.aborted) halt.abort();
  dependencies.signal?.addEventListener('abort', onStop, { once: true });

  const warmupCostUsd = await warmUp(plan, settings, dependencies);
  await dependencies.onWarmedUp?.(warmupCostUsd);
  const zero = await waitForScheduleZero(settings.startAtMs, {
    now,
    wallClock: dependencies.wallClock ?? Date.now,
    sleep,
    signal: halt.signal,
    onNotice: dependencies.onNotice,
  });
  const elapsed = () => now() - zero.zeroMs;
  const context = {
    settings,
    dependencies,
    sleep,
    halt: halt.signal,
    ...(dependencies.signal ? { stop: dependencies.signal } : {}),
    overall: new PQueue({ concurrency: settings.concurrency }),
    schedule: { elapsed, zeroMs: zero.zeroMs },
    deliver,
    onBudgetReached: () => {
      budgetReached = true;
      halt.abort();
    },
  };
  const governors = targetGovernors(plan, settings, { now, sleep, ...(dependencies.onTargetStopped ? { onTargetStopped: dependencies.onTargetStopped } : {}) });

  // On a stop, paused targets (waiting out a rate-limit reset) let their waiting slots through
  // at once, and pause no more: the slots see the stop and end without sending, so the drain is
  // not held by a pause, not even one a 429 still in flight would start.
  halt.signal.addEventListener('abort', () => {
    for (const { governor } of governors.values()) governor.release();
  }, { once: true });
  const start = (request: PlannedRequest, scheduledMs?: number) => {
    const governed = governors.get(request.target.label);
    if (!governed) return undefined;
    // A multi-call case holds one place under its target's cap; each of its requests one overall.
    if (request.testCase.calls) return governed.queue.add(() => runPipelineSlot(request, governed.governor, { ...context, stepTarget: dependencies.stepTarget }, scheduledMs));
    return governed.queue.add(() => runSlot(request, governed.governor, context, scheduledMs));
  };
  if (settings.ratePerSecond === undefined) {
    // Twice what a target may run, and one more: its queue always has a slot waiting.
    await closedLoopSlots(plan.requests, start, { ahead: 2 * settings.targetConcurrency + 1, halt: halt.signal });
  } else {
    await openLoopSlots(plan, { ratePerSecond: settings.ratePerSecond, arrival: settings.arrival }, start, { elapsed, sleep, signal: halt.signal });
  }
  dependencies.signal?.removeEventListener('abort', onStop);
  await delivered();
  return { records, stoppedTargets: disposeGovernors(governors), budgetReached, scheduleStartedAt: zero.startedAt };
}

/** Open loop: each slot joins the queues at its scheduled time, whatever became of the others. */
async function openLoopSlots(
  plan: Plan,
  open: { ratePerSecond: number; arrival: ArrivalSettings | undefined },
  start: (request: PlannedRequest, scheduledMs?: number) => Promise<void> | undefined,
  clock: { elapsed: () => number; sleep: Sleep; signal: AbortSignal },
): Promise<void> {
  const due = plannedArrivals(plan.requests, open.ratePerSecond, open.arrival);
  // Only the slots still running are held: a million settled promises would outweigh the run.
  const running = new Set<Promise<void>>();
  let failed: { error: unknown } | undefined;
  await dispatchArrivals(due.offsets, (index) => {
    const request = due.requests[index];
    const slot = request && start(request, due.offsets[index]);
    if (!slot) return;
    running.add(slot);
    slot.then(() => running.delete(slot), (error: unknown) => {
      failed ??= { error };
      running.delete(slot);
    });
  }, clock);
  while (running.size > 0) await Promise.allSettled(running);
  if (failed) throw failed.error;
}
