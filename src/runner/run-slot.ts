import type PQueue from 'p-queue';
import type { AttemptRecord } from '../records/attempt-record.ts';
import { attemptToRecord, type SlotSchedule } from './attempt-to-record.ts';
import { backoffDelay, defaultBackoff, type BackoffOptions } from './backoff-delay.ts';
import { budgetedAttempt, type BudgetedAttemptDependencies } from './budgeted-attempt.ts';
import { cachedAnswer, cachedRecord } from './cached-record.ts';
import { isRetryable } from './classify-error.ts';
import type { PlannedRequest } from './plan-run.ts';
import type { ResponseCache } from './response-cache.ts';
import type { AttemptResult, AttemptSettings } from './run-attempt.ts';
import { cacheBustedFields } from './stream-text-options.ts';
import { sleepUnlessStopped, type Sleep } from './sleep-unless-stopped.ts';
import type { TargetGovernor } from './target-governor.ts';

/** `--cache`, with each request's key. */
export type SlotCache = { store: ResponseCache; keyOf(request: PlannedRequest): string };

/** What every slot of a run shares. */
export type SlotContext = {
  settings: AttemptSettings & { maxRetries: number; backoff?: BackoffOptions };
  dependencies: BudgetedAttemptDependencies & { cache?: SlotCache };
  sleep: Sleep;
  /** Aborted on a stop (Ctrl-C) or at the budget: no slot starts, no retry is sent, waits end. */
  halt: AbortSignal;
  /** Aborted on a stop (Ctrl-C) alone: a multi-call case the budget admitted whole runs to its end unless this aborts. */
  stop?: AbortSignal;
  /** Bounds the attempts in flight over all targets (--concurrency). */
  overall: PQueue;
  /** Ms since the schedule's zero, and the zero itself on the monotonic clock. */
  schedule: { elapsed: () => number; zeroMs: number };
  deliver: (record: AttemptRecord) => void;
  /** Called when an attempt's worst case no longer fits the budget (nothing was sent). */
  onBudgetReached: () => void;
};

/**
 * One slot of the plan: its cached answer, or its attempts, retried after a retryable error
 * with a back-off between them. Every attempt is delivered as its own record, with the slot's
 * schedule: open loop, `scheduledMs` is the slot's due time; closed loop (undefined), the moment
 * its first attempt got its place to send. Retries keep it.
 */
export async function runSlot(request: PlannedRequest, governor: TargetGovernor, context: SlotContext, scheduledMs?: number): Promise<void> {
  const final = await sendWithRetries(request, governor, context, { firstAttempt: request.firstAttempt ?? 1, scheduledMs, deliver: context.deliver });
  if (final && !final.cached) governor.onSlotEnd(final.status === 'error');
}

/** How one request's attempts are numbered, scheduled and delivered. */
export type AttemptLoop = {
  firstAttempt: number;
  /** Open loop: the slot's due time; undefined: the moment the first attempt gets its place. */
  scheduledMs: number | undefined;
  /** A closed loop's step keeps its case's start as `scheduledMs`, without counting latency from it. */
  closedLoop?: boolean;
  deliver: (record: AttemptRecord) => void;
};

/**
 * One request's cached answer, or its attempts until one answers, fails for good or the retries
 * run out: each attempt delivered as its record, the back-off between them outside every clock.
 * Returns the last record (undefined when the run or the target stopped first). A slot is one
 * such request; each step of a multi-call case is another.
 */
export async function sendWithRetries(request: PlannedRequest, governor: TargetGovernor, context: SlotContext, loop: AttemptLoop): Promise<AttemptRecord | undefined> {
  const { settings, dependencies, halt } = context;
  if (halt.aborted || governor.stopped) return undefined;
  const cacheKey = dependencies.cache?.keyOf(request);
  const cached = cacheKey === undefined ? undefined : await dependencies.cache?.store.get(cacheKey);
  if (cached) {
    const record: AttemptRecord = { ...cachedRecord({ ...request, firstAttempt: loop.firstAttempt }, cached), schedule: { scheduledMs: loop.scheduledMs ?? context.schedule.elapsed() } };
    loop.deliver(record);
    return record;
  }
  let slot: SlotSchedule | undefined = loop.scheduledMs === undefined ? undefined : { scheduledMs: loop.scheduledMs, zeroMs: context.schedule.zeroMs, ...(loop.closedLoop ? {} : { openLoop: true }) };
  for (let attempt = loop.firstAttempt; ; attempt++) {
    // Checked again once the overall queue lets the attempt start: it may have waited long.
    let placedMs: number | undefined;
    const result = await context.overall.add(() => {
      placedMs = context.schedule.elapsed();
      slot ??= { scheduledMs: placedMs, zeroMs: context.schedule.zeroMs };
      return attemptOnce(request, governor, context);
    });
    if (!result || result.interrupted) return undefined;
    governor.onAttempt(result.error);
    const retry =
      result.error !== undefined &&
      isRetryable(result.error) &&
      attempt - loop.firstAttempt < settings.maxRetries &&
      !governor.stopped;
    const record = attemptToRecord(request, attempt, !retry, { ...result, ...cacheBustedFields(settings) }, false, slot && placedMs !== undefined ? { ...slot, placedMs } : slot);
    loop.deliver(record);
    if (!retry) {
      if (!result.error && cacheKey !== undefined) await dependencies.cache?.store.put(cacheKey, cachedAnswer(result));
      return record;
    }
    // The wait happens between attempts, outside both clocks: back-off is never latency. A stop
    // (Ctrl-C, budget) ends it: the retry would not be sent anyway.
    const waited = await sleepUnlessStopped(context.sleep, backoffDelay(attempt, result.error?.retryAfterMs, settings.backoff ?? defaultBackoff), halt);
    if (!waited) return undefined;
  }
}

/** One attempt, unless the run or the target stopped meanwhile, or the budget cannot take it. */
async function attemptOnce(request: PlannedRequest, governor: TargetGovernor, context: SlotContext): Promise<AttemptResult | undefined> {
  if (context.halt.aborted || governor.stopped) return undefined;
  const attempt = await budgetedAttempt(request, context.settings, context.dependencies);
  if (!attempt) context.onBudgetReached();
  return attempt?.result;
}
