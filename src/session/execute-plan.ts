import { caseKey, type AttemptRecord } from '../records/index.ts';
import { spentBefore } from './spent-before.ts';
import type { RunEvent } from '../reports/index.ts';
import { flagNames, type SettingNames } from '../config/settings/setting-names.ts';
import { leanEngineAttempt, startLeanEngine } from '../runner/lean/engine-attempt.ts';
import { prepareRequests } from '../runner/lean/prepared-request.ts';
import { loadTokenCounter, redactDeep, runPlan, startHarnessMonitor, type BudgetLedger, type RunDependencies, type RunResult, type RunSettings } from '../runner/index.ts';
import { scoreCase } from '../scoring/index.ts';
import type { HeldFolder } from './run-folder-session.ts';
import type { RunManifest } from './run-manifest.ts';
import type { PreparedEval } from './prepare-eval.ts';
import { describeBudget, planBudget } from './run-guards.ts';
import { loadRunSettings, type LoadRunSettings } from './load-run-settings.ts';
import type { Case } from '../datasets/case.ts';
import { finalCase, stepCase } from '../datasets/step-case.ts';
import { isPipelineRecord } from '../records/index.ts';
import { caseSlotKey } from '../records/slot-key.ts';
import { stepMessages } from '../runner/pipeline/step-messages.ts';

export type ExecuteContext = {
  /** Aborting stops scheduling (the first Ctrl-C). */
  stop?: AbortSignal | undefined;
  /** Aborting abandons requests in flight (a second Ctrl-C, or the end of the drain). */
  interrupt?: AbortSignal | undefined;
  emit: (event: RunEvent) => Promise<void>;
  onNotice?: ((message: string) => void) | undefined;
  /** Replaces the real transport (tests of the core without HTTP); otherwise the engine's (--engine). */
  attempt?: RunDependencies['attempt'];
  /** How messages name a setting (flags by default). */
  names?: SettingNames | undefined;
};

/**
 * Run and score: sends what the plan holds, scores each answer as soon as it lands (into a new
 * record), appends it to results.jsonl, and tells the caller. Failures are records.
 */
export async function executePlan(prepared: PreparedEval, held: HeldFolder, manifest: RunManifest, previousRecords: readonly AttemptRecord[], context: ExecuteContext): Promise<RunResult> {
  const { settings, plan, inputs, redact } = prepared;
  const names = context.names ?? flagNames;
  // Checked before anything is sent: a bad --arrival or --start-at is the user's to fix.
  const load = loadRunSettings(settings, names, { resumed: previousRecords.length > 0, wallNowMs: Date.now() });
  // The engine was chosen while preparing (prepared.engine); a test may give its own attempt.
  const attempt = context.attempt ?? (prepared.engine.engine === 'lean' ? leanEngineAttempt() : undefined);
  // Resolved while preparing, before any folder was made; lean was refused there for multi-call cases.
  const steps = prepared.stepTargets;
  // The lean engine's requests are built before the clock starts, not while others stream.
  if (!context.attempt && prepared.engine.engine === 'lean') {
    // Its workers too: a schedule whose first second waited for them would arrive in one burst.
    await Promise.all([prepareRequests(plan.requests, runSettingsOf(settings, 0, load)), startLeanEngine()]);
  }
  // Loaded before the first request is timed: parsing it mid-run would stall streams in flight.
  const countTokens = await loadTokenCounter();
  const warmup = plan.requests.length > 0 ? settings.warmup : 0;
  const earlierWarmupCostUsd = manifest.warmupCostUsd ?? 0;
  const alreadySpentUsd = spentBefore(previousRecords, earlierWarmupCostUsd);
  // The worst case reads every prompt whole: a sampled count could fall short of the bill.
  const budget = settings.maxCost === undefined ? undefined : planBudget(settings, inputs.targets, plan.requests, await loadTokenCounter({ whole: true }), { warmup, alreadySpentUsd, steps });
  // A multi-call case sends one request per step (before retries).
  const requestCount = plan.requests.reduce((count, request) => count + (request.testCase.calls?.steps.length ?? 1), 0);
  if (budget) context.onNotice?.(describeBudget(settings, requestCount, warmup * inputs.targets.length, alreadySpentUsd, budget.worstCaseTotalUsd));
  const results = await held.openResults();
  const stopped: Array<Promise<void>> = [];
  // Open loop, records' dispatch delays measure how late the harness sent them.
  const monitor = startHarnessMonitor({ openLoop: settings.rate !== undefined });
  try {
    const result = await runPlan(
      plan,
      runSettingsOf(settings, warmup, load),
      {
        redact,
        countTokens,
        // The records are in results.jsonl: finishRun reads them back, so the run's heap does not grow with it.
        retainRecords: false,
        ...(context.stop ? { signal: context.stop } : {}),
        ...(context.interrupt ? { interrupt: context.interrupt } : {}),
        ...(budget ? { budget: budget.dependency } : {}),
        ...(prepared.cache ? { cache: prepared.cache } : {}),
        ...(attempt ? { attempt } : {}),
        stepTarget: steps.stepTarget,
        ...(context.onNotice ? { onNotice: context.onNotice } : {}),
        onWarmedUp: async (costUsd) => {
          monitor.restart();
          if (costUsd <= 0) return;
          // Written at once: a run killed later still tells its resume what the warm-ups cost.
          manifest.warmupCostUsd = earlierWarmupCostUsd + costUsd;
          await held.writeManifest(manifest);
        },
        // Scored as soon as each attempt ends, concurrently: an llm-judge call takes about as long
        // as the answer did, and one at a time they would outlast the run.
        prepareRecord: scoring(prepared, budget?.dependency.guard, previousRecords),
        onRecord: async (record) => {
          monitor.onRecord(record);
          await results.append(record);
          await context.emit({ type: 'attempt-done', record });
        },
        onTargetStopped: (target, reason) => {
          stopped.push(context.emit({ type: 'target-stopped', target, reason: redact(reason) }));
        },
      },
    );
    return { ...result, harness: monitor.stop() };
  } finally {
    await results.close();
    await Promise.all(stopped);
  }
}

/**
 * The case a record is scored as: a step's own (its messages as sent, so that a judge reads what
 * the model read), a multi-call case's final one, or the case itself.
 */
function scoredAs(testCase: Case, record: AttemptRecord, answers: ReadonlyMap<string, string>): Case | undefined {
  if (!testCase.calls) return testCase;
  if (record.step === undefined) return finalCase(testCase);
  const step = testCase.calls.steps.find((candidate) => candidate.name === record.step);
  if (!step) return undefined;
  const sent = stepMessages(testCase, step, answers);
  return stepCase(testCase, step, sent.messages, sent.system);
}

/** The answered steps of each multi-call slot in flight (earlier sessions' too), until its case's record. */
function stepAnswers(previousRecords: readonly AttemptRecord[]) {
  const bySlot = new Map<string, Map<string, string>>();
  const empty: ReadonlyMap<string, string> = new Map();
  const note = (record: AttemptRecord) => {
    const slot = caseSlotKey(record);
    // A failed case is resumed from its steps' answers: only an answered one is done with them.
    if (isPipelineRecord(record) && record.status === 'ok') bySlot.delete(slot);
    if (record.step === undefined || record.status !== 'ok') return;
    const answers = bySlot.get(slot) ?? new Map<string, string>();
    bySlot.set(slot, answers.set(record.step, record.output));
  };
  for (const record of previousRecords) note(record);
  return { note, of: (record: AttemptRecord): ReadonlyMap<string, string> => bySlot.get(caseSlotKey(record)) ?? empty };
}

/** The runner's settings, from the eval's. */
function runSettingsOf(settings: PreparedEval['settings'], warmup: number, load: LoadRunSettings): RunSettings {
  return {
    concurrency: settings.concurrency,
    targetConcurrency: settings.targetConcurrency ?? settings.concurrency,
    ...(settings.rate !== undefined ? { ratePerSecond: settings.rate } : {}),
    ...load,
    warmup,
    maxRetries: settings.retries,
    maxErrorRate: settings.maxErrorRate,
    timeoutMs: settings.timeoutMs,
    stallTimeoutMs: settings.stallTimeoutMs,
    ...(settings.maxTokens !== undefined ? { maxOutputTokens: settings.maxTokens } : {}),
    ...(settings.temperature !== undefined ? { temperature: settings.temperature } : {}),
    ...(settings.cacheBust ? { cacheBust: true } : {}),
  };
}

/**
 * Score: an answered attempt of a case with assertions becomes a new record with its score. A
 * step's attempt is scored by the step's scorers, a multi-call case's own record (its final
 * output) by the case's, else its output step's.
 */
function scoring(prepared: PreparedEval, budget: BudgetLedger | undefined, previousRecords: readonly AttemptRecord[]): (record: AttemptRecord) => Promise<AttemptRecord> {
  const casesByKey = new Map(prepared.inputs.cases.map((testCase) => [caseKey({ dataset: testCase.dataset, caseId: testCase.id }), testCase]));
  const { judge, redact } = prepared;
  const answers = stepAnswers(previousRecords);
  return async (record) => {
    const found = casesByKey.get(caseKey(record));
    // Before any wait: a step's record is delivered after those of the steps it used.
    const testCase = found && scoredAs(found, record, answers.of(record));
    answers.note(record);
    if (record.status !== 'ok' || !testCase) return record;
    const score = await scoreCase(testCase, {
      output: record.output,
      ...(record.timing.ttftMs !== undefined ? { ttftMs: record.timing.ttftMs } : {}),
      ...(record.timing.e2eMs !== undefined ? { e2eMs: record.timing.e2eMs } : {}),
      ...(record.costUsd !== undefined ? { costUsd: record.costUsd } : {}),
      ...(record.toolCalls ? { toolCalls: record.toolCalls } : {}),
      ...(record.usage.outputTokens !== undefined ? { outputTokens: record.usage.outputTokens } : {}),
      ...(record.finishReason !== undefined ? { finishReason: record.finishReason } : {}),
    }, judge ? { judge } : {});
    // The judge is paid for too: counted once its call ends (it cannot be reserved ahead, as its
    // answer has no max-tokens bound).
    if (score?.judge?.costUsd !== undefined) budget?.settle(0, score.judge.costUsd);
    // A judge's error may quote a key its server echoed back.
    return score ? { ...record, score: redactDeep(score, redact) } : record;
  };
}
