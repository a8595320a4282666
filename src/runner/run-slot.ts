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
  const { settings, dependencies, halt } = context;
  if (halt.aborted || governor.stopped) return;
  const cacheKey = dependencies.cache?.keyOf(request);
  const cached = cacheKey === undefined ? undefined : await dependencies.cache?.store.get(cacheKey);
  if (cached) {
    context.deliver({ ...cachedRecord(request, cached), schedule: { scheduledMs: scheduledMs ?? context.schedule.elapsed() } });
    return;
  }
  let slot: SlotSchedule | undefined = scheduledMs === undefined ? undefined : { scheduledMs, zeroMs: context.schedule.zeroMs, openLoop: true };
  const firstAttempt = request.firstAttempt ?? 1;
  for (let attempt = firstAttempt; ; attempt++) {
    // Checked again once the overall queue lets the attempt start: it may have waited long.
    let placedMs: number | undefined;
    const result = await context.overall.add(() => {
      placedMs = context.schedule.elapsed();
      slot ??= { scheduledMs: placedMs, zeroMs: context.schedule.zeroMs };
      return attemptOnce(request, governor, context);
    });
    if (!result || result.interrupted) return;
    governor.onAttempt(result.error);
    const retry =
      result.error !== undefined &&
      isRetryable(result.error) &&
      attempt - firstAttempt < settings.maxRetries &&
      !governor.stopped;
    context.deliver(attemptToRecord(request, attempt, !retry, result, false, slot && placedMs !== undefined ? { ...slot, placedMs } : slot));
    if (!retry) {
      governor.onSlotEnd(result.error !== undefined);
      if (!result.error && cacheKey !== undefined) await dependencies.cache?.store.put(cacheKey, cachedAnswer(result));
      return;
    }
    // The wait happens between attempts, outside both clocks: back-off is never latency. A stop
    // (Ctrl-C, budget) ends it: the retry would not be sent anyway.
    const waited = await sleepUnlessStopped(context.sleep, backoffDelay(attempt, result.error?.retryAfterMs, settings.backoff ?? defaultBackoff), halt);
    if (!waited) return;
  }
}

/** One attempt, unless the run or the target stopped meanwhile, or the budget cannot take it. */
async function attemptOnce(request: PlannedRequest, governor: TargetGovernor, context: SlotContext): Promise<AttemptResult | undefined> {
  if (context.halt.aborted || governor.stopped) return undefined;
  const attempt = await budgetedAttempt(request, context.settings, context.dependencies);
  if (!attempt) context.onBudgetReached();
  return attempt?.result;
}
