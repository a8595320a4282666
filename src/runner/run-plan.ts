import { setTimeout as sleepFor } from 'node:timers/promises';
import PQueue from 'p-queue';
import type { AttemptRecord } from './attempt-record.ts';
import { backoffDelay, defaultBackoff, type BackoffOptions } from './backoff-delay.ts';
import { retryableErrorTypes } from './classify-error.ts';
import type { PlannedRequest, Plan } from './plan-run.ts';
import { runAttempt, type AttemptDependencies, type AttemptResult, type AttemptSettings } from './run-attempt.ts';

export type RunSettings = AttemptSettings & {
  /** Requests in flight overall. */
  concurrency: number;
  /** Requests in flight per target. */
  targetConcurrency: number;
  /** Unrecorded requests per target before measuring: they pay the process's one-time costs. */
  warmup: number;
  /** Retries after a rate limit, server or network error; each is its own recorded attempt. */
  maxRetries: number;
  backoff?: BackoffOptions;
};

export type RunDependencies = AttemptDependencies & {
  /** Receives each record as soon as its attempt ends, one at a time, in completion order. */
  onRecord: (record: AttemptRecord) => Promise<void> | void;
  sleep?: (milliseconds: number) => Promise<void>;
  /** Aborting stops scheduling: no new slot starts, no retry is sent; requests in flight go on. */
  signal?: AbortSignal;
};

/** Runs the plan and returns every attempt's record; failures are records, not exceptions. */
export async function runPlan(plan: Plan, settings: RunSettings, dependencies: RunDependencies): Promise<AttemptRecord[]> {
  const sleep = dependencies.sleep ?? ((milliseconds: number) => sleepFor(milliseconds));
  const records: AttemptRecord[] = [];
  let delivery: Promise<void> = Promise.resolve();
  const deliver = (record: AttemptRecord) => {
    records.push(record);
    delivery = delivery.then(() => dependencies.onRecord(record));
  };

  await warmUp(plan, settings, dependencies);

  const overall = new PQueue({ concurrency: settings.concurrency });
  const perTarget = new Map(plan.targets.map((target) => [target.label, new PQueue({ concurrency: settings.targetConcurrency })]));

  const runSlot = async (request: PlannedRequest) => {
    if (dependencies.signal?.aborted) return;
    const firstAttempt = request.firstAttempt ?? 1;
    for (let attempt = firstAttempt; ; attempt++) {
      // Checked again once the overall queue lets the attempt start: it may have waited long.
      const result = await overall.add(() =>
        dependencies.signal?.aborted ? undefined : runAttempt(request.target, request.testCase, settings, dependencies),
      );
      if (!result || result.interrupted) return;
      const retry =
        result.error !== undefined && retryableErrorTypes.has(result.error.type) && attempt - firstAttempt < settings.maxRetries;
      deliver(toRecord(request, attempt, !retry, result));
      if (!retry) return;
      // The wait happens between attempts, outside both clocks: back-off is never latency.
      await sleep(backoffDelay(attempt, result.error?.retryAfterMs, settings.backoff ?? defaultBackoff));
    }
  };

  await Promise.all(plan.requests.map((request) => perTarget.get(request.target.label)?.add(() => runSlot(request))));
  await delivery;
  return records;
}

async function warmUp(plan: Plan, settings: RunSettings, dependencies: AttemptDependencies): Promise<void> {
  if (settings.warmup <= 0) return;
  await Promise.all(
    plan.targets.map(async (target) => {
      const first = plan.requests.find((request) => request.target === target);
      if (!first) return;
      for (let index = 0; index < settings.warmup; index++) {
        await runAttempt(target, first.testCase, settings, dependencies);
      }
    }),
  );
}

function toRecord(request: PlannedRequest, attempt: number, final: boolean, result: AttemptResult): AttemptRecord {
  const { error, ...rest } = result;
  const base = {
    caseId: request.testCase.id,
    target: request.target.label,
    prompt: request.prompt,
    repeat: request.repeat,
    attempt,
    final,
    ...rest,
  };
  return error ? { ...base, status: 'error', error } : { ...base, status: 'ok' };
}
