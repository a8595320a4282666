import PQueue from 'p-queue';
import type { AttemptRecord } from '../records/attempt-record.ts';
import { ArrivalPacer } from './arrival-pacer.ts';
import { longSleep } from './long-sleep.ts';
import { backoffDelay, defaultBackoff, type BackoffOptions } from './backoff-delay.ts';
import type { BudgetGuard } from './budget-guard.ts';
import { isRetryable } from './classify-error.ts';
import type { PlannedRequest, Plan } from './plan-run.ts';
import type { CachedAnswer, ResponseCache } from './response-cache.ts';
import { runAttempt, type AttemptDependencies, type AttemptResult, type AttemptSettings } from './run-attempt.ts';
import { TargetGovernor } from './target-governor.ts';

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
  /** New requests per second, all targets together; undefined: as fast as the concurrency allows. */
  ratePerSecond?: number;
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
  sleep?: (milliseconds: number, signal?: AbortSignal) => Promise<void>;
  /** Sends one attempt and measures it; never throws for a failed request. Default `runAttempt`. */
  attempt?: (request: PlannedRequest, settings: AttemptSettings, dependencies: AttemptDependencies) => Promise<AttemptResult>;
  /** Called the moment a target is stopped (auth or quota error, circuit breaker), once per target. */
  onTargetStopped?: (target: string, reason: string) => void;
  /** Aborting stops scheduling: no new slot starts, no retry is sent; requests in flight go on. */
  signal?: AbortSignal;
  /** `--max-cost`, with each attempt's worst-case cost. */
  budget?: { guard: BudgetGuard; worstCaseUsd(request: PlannedRequest): number };
  /** `--cache`, with each request's key. */
  cache?: { store: ResponseCache; keyOf(request: PlannedRequest): string };
  /**
   * Told once the warm-ups are over, with what they cost: they leave no record, and a resumed
   * run's budget must still count them. An attempt of unknown cost counts at its worst case when
   * there is a budget, as the budget booked it, and not at all otherwise.
   */
  onWarmedUp?: (costUsd: number) => Promise<void> | void;
};

export type RunResult = {
  records: AttemptRecord[];
  /** Targets stopped before their last slot: auth or quota errors, or the circuit breaker. */
  stoppedTargets: Array<{ target: string; reason: string }>;
  /** True when the budget stopped scheduling. */
  budgetReached: boolean;
};

/** Runs the plan and returns every attempt's record; failures are records, not exceptions. */
export async function runPlan(plan: Plan, settings: RunSettings, dependencies: RunDependencies): Promise<RunResult> {
  const sleep = dependencies.sleep ?? longSleep;
  const now = dependencies.now ?? (() => performance.now());
  const { records, deliver, delivered } = recordDelivery(dependencies);
  let budgetReached = false;
  // Scheduling ends on a stop (Ctrl-C) or at the budget: either ends back-off waits and pauses.
  const halt = new AbortController();
  const stopped = () => halt.signal.aborted;
  const onStop = () => halt.abort();
  if (dependencies.signal?.aborted) halt.abort();
  dependencies.signal?.addEventListener('abort', onStop, { once: true });

  const warmupCostUsd = await warmUp(plan, settings, dependencies);
  await dependencies.onWarmedUp?.(warmupCostUsd);
  const pacer = settings.ratePerSecond === undefined ? undefined : new ArrivalPacer(settings.ratePerSecond, now);

  const overall = new PQueue({ concurrency: settings.concurrency });
  const governors = targetGovernors(plan, settings, { now, sleep, ...(dependencies.onTargetStopped ? { onTargetStopped: dependencies.onTargetStopped } : {}) });

  const attemptOnce = async (request: PlannedRequest): Promise<AttemptResult | undefined> => {
    const governor = governors.get(request.target.label)?.governor;
    if (stopped() || governor?.stopped) return undefined;
    const attempt = await budgetedAttempt(request, settings, dependencies);
    if (!attempt) {
      budgetReached = true;
      halt.abort();
    }
    return attempt?.result;
  };

  const runSlot = async (request: PlannedRequest) => {
    const governor = governors.get(request.target.label)?.governor;
    if (stopped() || governor?.stopped) return;
    const cacheKey = dependencies.cache?.keyOf(request);
    const cached = cacheKey === undefined ? undefined : await dependencies.cache?.store.get(cacheKey);
    if (cached) {
      deliver(cachedRecord(request, cached));
      return;
    }
    if (pacer && !(await sleepUnlessStopped(sleep, pacer.reserve(), halt.signal))) return;
    const firstAttempt = request.firstAttempt ?? 1;
    for (let attempt = firstAttempt; ; attempt++) {
      // Checked again once the overall queue lets the attempt start: it may have waited long.
      const result = await overall.add(() => attemptOnce(request));
      if (!result || result.interrupted) return;
      governor?.onAttempt(result.error);
      const retry =
        result.error !== undefined &&
        isRetryable(result.error) &&
        attempt - firstAttempt < settings.maxRetries &&
        !governor?.stopped;
      deliver(toRecord(request, attempt, !retry, result));
      if (!retry) {
        governor?.onSlotEnd(result.error !== undefined);
        if (!result.error && cacheKey !== undefined) await dependencies.cache?.store.put(cacheKey, cachedAnswer(result));
        return;
      }
      // The wait happens between attempts, outside both clocks: back-off is never latency. A stop
      // (Ctrl-C, budget) ends it: the retry would not be sent anyway.
      const waited = await sleepUnlessStopped(sleep, backoffDelay(attempt, result.error?.retryAfterMs, settings.backoff ?? defaultBackoff), halt.signal);
      if (!waited) return;
    }
  };

  // On a stop, paused targets (waiting out a rate-limit reset) let their waiting slots through
  // at once, and pause no more: the slots see the stop and end without sending, so the drain is
  // not held by a pause, not even one a 429 still in flight would start.
  halt.signal.addEventListener('abort', () => {
    for (const { governor } of governors.values()) governor.release();
  }, { once: true });
  await Promise.all(plan.requests.map((request) => governors.get(request.target.label)?.queue.add(() => runSlot(request))));
  dependencies.signal?.removeEventListener('abort', onStop);
  await delivered();
  const stoppedTargets = [...governors.entries()].flatMap(([target, { governor }]) => {
    governor.dispose();
    return governor.stopReason ? [{ target, reason: governor.stopReason }] : [];
  });
  return { records, stoppedTargets, budgetReached };
}

/**
 * Records go out one at a time, in completion order, each once `prepareRecord` (run at once, for
 * all of them side by side) has settled; the result holds what was delivered, in the same order.
 */
function recordDelivery(dependencies: Pick<RunDependencies, 'prepareRecord' | 'onRecord'>) {
  const records: AttemptRecord[] = [];
  let delivery: Promise<void> = Promise.resolve();
  const deliver = (record: AttemptRecord) => {
    // Its place is taken in completion order; the prepared record fills it once it settles.
    const index = records.push(record) - 1;
    const prepared = dependencies.prepareRecord?.(record) ?? Promise.resolve(record);
    // Its failure surfaces in turn, through `delivery`, not as an unhandled rejection before that.
    prepared.catch(() => undefined);
    delivery = delivery.then(async () => {
      const delivered = await prepared;
      records[index] = delivered;
      await dependencies.onRecord(delivered);
    });
  };
  return { records, deliver, delivered: () => delivery };
}

/** Each target's queue, bounded by --target-concurrency, and the governor that keeps it polite. */
function targetGovernors(
  plan: Plan,
  settings: RunSettings,
  clock: Required<Pick<RunDependencies, 'now' | 'sleep'>> & Pick<RunDependencies, 'onTargetStopped'>,
): Map<string, { queue: PQueue; governor: TargetGovernor }> {
  return new Map(
    plan.targets.map((target) => {
      const queue = new PQueue({ concurrency: settings.targetConcurrency });
      const governor = new TargetGovernor(queue, {
        maxConcurrency: settings.targetConcurrency,
        maxErrorRate: settings.maxErrorRate,
        now: clock.now,
        sleep: clock.sleep,
        onStop: (reason) => clock.onTargetStopped?.(target.label, reason),
      });
      return [target.label, { queue, governor }];
    }),
  );
}

/** False when the signal ended the wait early (or had already ended it). */
async function sleepUnlessStopped(
  sleep: (milliseconds: number, signal?: AbortSignal) => Promise<void>,
  milliseconds: number,
  signal: AbortSignal | undefined,
): Promise<boolean> {
  if (signal?.aborted) return false;
  await sleep(milliseconds, signal);
  return !(signal?.aborted ?? false);
}

/** Runs the warm-ups and returns what they cost. */
async function warmUp(plan: Plan, settings: RunSettings, dependencies: RunDependencies): Promise<number> {
  if (settings.warmup <= 0) return 0;
  let costUsd = 0;
  // --concurrency bounds warm-ups too: each target's run one after another, targets side by side.
  const queue = new PQueue({ concurrency: settings.concurrency });
  await Promise.all(
    plan.targets.map((target) => queue.add(async () => {
      const first = plan.requests.find((request) => request.target === target);
      if (!first) return;
      for (let index = 0; index < settings.warmup; index++) {
        if (dependencies.signal?.aborted) return;
        // Warm-ups are paid for like any request: they come out of the budget too.
        const attempt = await budgetedAttempt(first, settings, dependencies);
        if (!attempt) return;
        costUsd += attempt.bookedUsd;
      }
    })),
  );
  return costUsd;
}

/**
 * One attempt within the budget: undefined, and nothing sent, when its worst case does not fit;
 * else its result and what the budget booked it at (0 without a budget, when its cost is unknown).
 */
async function budgetedAttempt(
  request: PlannedRequest,
  settings: RunSettings,
  dependencies: RunDependencies,
): Promise<{ result: AttemptResult; bookedUsd: number } | undefined> {
  const worstCase = dependencies.budget?.worstCaseUsd(request) ?? 0;
  if (dependencies.budget && !dependencies.budget.guard.tryReserve(worstCase)) return undefined;
  const attempt = dependencies.attempt ?? defaultAttempt;
  const result = await attempt(request, settings, dependencies);
  const billed = billedUsd(result);
  dependencies.budget?.guard.settle(worstCase, billed);
  return { result, bookedUsd: billed ?? worstCase };
}

function defaultAttempt(request: PlannedRequest, settings: AttemptSettings, dependencies: AttemptDependencies): Promise<AttemptResult> {
  return runAttempt(request.target, request.testCase, settings, dependencies);
}

/**
 * What an attempt is booked at against the budget: its cost when known; nothing for a request
 * the provider refused with an error status before any output (a 429 or a 401 is not billed);
 * otherwise undefined, which the guard books at the worst case (output may have been generated).
 */
function billedUsd(result: AttemptResult): number | undefined {
  if (result.interrupted) return 0;
  if (result.costUsd !== undefined) return result.costUsd;
  const refused = result.error?.httpStatus !== undefined && result.error.httpStatus >= 400;
  return refused && !result.output && !result.usage.outputTokens ? 0 : undefined;
}

/** A cached answer as its slot's record: no request was sent, so no timing and no cost. */
function cachedRecord(request: PlannedRequest, cached: CachedAnswer): AttemptRecord {
  const { usage, ...answer } = cached;
  return toRecord(request, request.firstAttempt ?? 1, true, { startedAt: new Date().toISOString(), timing: {}, usage, costUsd: 0, costSource: 'cache', ...answer }, true);
}

/** What the cache keeps of an answer. */
function cachedAnswer(result: AttemptResult): CachedAnswer {
  return {
    output: result.output,
    usage: result.usage,
    ...(result.finishReason ? { finishReason: result.finishReason } : {}),
    ...(result.toolCalls ? { toolCalls: result.toolCalls } : {}),
  };
}

function toRecord(request: PlannedRequest, attempt: number, final: boolean, result: AttemptResult, cached = false): AttemptRecord {
  const { error, interrupted: _interrupted, ...rest } = result;
  const base = {
    caseId: request.testCase.id,
    ...(request.testCase.dataset !== undefined ? { dataset: request.testCase.dataset } : {}),
    target: request.target.label,
    prompt: request.prompt,
    repeat: request.repeat,
    attempt,
    final,
    ...rest,
    ...(cached ? { cached: true as const } : {}),
  };
  return error ? { ...base, status: 'error', error } : { ...base, status: 'ok' };
}
