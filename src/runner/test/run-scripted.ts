import type { Case } from '../../datasets/case.ts';
import type { AttemptRecord } from '../../records/attempt-record.ts';
import { planRun, type Plan } from '../plan-run.ts';
import { runPlan, type RunDependencies, type RunSettings } from '../run-plan.ts';
import { FakeClock } from './fake-clock.ts';
import { fakeTarget, scriptedAttempts, type Script } from './scripted-attempts.ts';

export const scriptedSettings: RunSettings = {
  concurrency: 4,
  targetConcurrency: 4,
  warmup: 0,
  maxRetries: 0,
  maxErrorRate: 1,
  timeoutMs: 30_000,
  stallTimeoutMs: 20_000,
  // No jitter: every wait is the least backoffDelay allows, so tests can name it exactly.
  backoff: { baseMs: 500, capMs: 60_000, random: () => 0 },
};

/**
 * Runs a plan of `cases` × the scripts' targets on a fake clock with scripted attempts, moving the
 * clock from wait to wait until the run ends. Returns the result, what was delivered to
 * `onRecord`, the model's log and the clock.
 */
export async function runScripted(input: {
  cases: Case[];
  scripts: Record<string, Script>;
  settings?: Partial<RunSettings>;
  dependencies?: Partial<RunDependencies>;
  repeats?: number;
  /** Turns the full plan into the one to run (resumePlan, say). */
  plan?: (plan: Plan) => Plan;
  clock?: FakeClock;
}) {
  const clock = input.clock ?? new FakeClock();
  const model = scriptedAttempts(clock, input.scripts);
  const full = planRun({ cases: input.cases, targets: Object.keys(input.scripts).map(fakeTarget), repeats: input.repeats ?? 1 });
  const delivered: AttemptRecord[] = [];
  const running = runPlan(input.plan ? input.plan(full) : full, { ...scriptedSettings, ...input.settings }, {
    redact: (text) => text,
    countTokens: (text) => text.length,
    now: clock.now,
    sleep: clock.sleep,
    attempt: model.attempt,
    onRecord: (record) => {
      delivered.push(record);
    },
    ...input.dependencies,
  });
  const result = await clock.runUntil(running);
  return { result, delivered, sent: model.sent, peak: model.peak, clock };
}
