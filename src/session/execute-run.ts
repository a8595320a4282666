import { join } from 'node:path';
import { DatasetError, InputError } from '../config/errors.ts';
import type { PriceRow } from '../config/price-table-schema.ts';
import { loadDataset, loadPromptVariants } from '../datasets/index.ts';
import { writeFileAtomic } from '../reports/index.ts';
import {
  assertPlanSize,
  loadTokenCounter,
  planRun,
  redactDeep,
  resumePlan,
  runPlan,
  type RunResult,
} from '../runner/index.ts';
import { ResultsFile, type AttemptRecord } from '../records/index.ts';
import { scoreCase } from '../scoring/index.ts';
import type { BaselineComparison, TargetSummary } from '../stats/index.ts';
import { createRedactor, loadPriceTable, parseTargetSpec, resolveTargets, type Target } from '../targets/index.ts';
import {
  assertRunFolder,
  createRunFolder,
  describeIdentityChanges,
  hashRunIdentity,
  lockRunFolder,
  openPreviousRun,
  type RunIdentity,
} from './run-folder.ts';
import { createJudge, judgeSpecsOf, resolveJudgeTargets } from './create-judge.ts';
import { ignoredInRun } from './ignored-flags.ts';
import { plannedPairs, writeRunReports } from './write-run-reports.ts';
import { describeBudget, planBudget, planCache } from './run-guards.ts';
import { buildManifest, type RunManifest } from './run-manifest.ts';
import type { RunOptions } from './run-options.ts';

export type ExecuteRunContext = {
  argv: string[];
  environment: Record<string, string | undefined>;
  /** Labels of targets served by the simulator. */
  simulated?: ReadonlySet<string>;
  /** Extra price rows (the simulator's illustrative prices). */
  extraPrices?: PriceRow[];
  /** Aborting stops scheduling (the first Ctrl-C). */
  stop?: AbortSignal;
  /** Aborting abandons requests in flight (a second Ctrl-C, or the end of the drain). */
  interrupt?: AbortSignal;
  /** Called once every input is loaded and checked, before the run folder is made. */
  onSending?: () => void;
  /** Told things worth knowing before the requests start (the budget estimate). */
  onNotice?: (message: string) => void;
};

export type RunOutcome = {
  folder: string;
  records: AttemptRecord[];
  summaries: TargetSummary[];
  comparisons: BaselineComparison[];
  targets: Target[];
  reportPaths: string[];
  incomplete: boolean;
  stoppedTargets: Array<{ target: string; reason: string }>;
  budgetReached: boolean;
  /** Set when resuming. */
  resumed?: { slotsAlreadyDone: number; droppedTornLine: boolean };
};

/**
 * The whole of `llm-bench run` except the terminal: validate everything, then measure, score,
 * append each result as it lands, and write the reports.
 */
export async function executeRun(options: RunOptions, context: ExecuteRunContext): Promise<RunOutcome> {
  // A resume locks its folder before reading it: reading cuts a torn last line, which must not
  // happen under a run still writing there.
  if (options.resume) await assertRunFolder(options.resume);
  const resumeFolder = options.resume;
  const unlockResumed = resumeFolder ? await writtenAtStart(resumeFolder, true, () => lockRunFolder(resumeFolder)) : undefined;
  const previous = options.resume ? await openPreviousRun(options.resume).catch(async (error: unknown) => {
    await unlockResumed?.();
    throw error;
  }) : undefined;
  const datasetPath = options.dataset ?? previous?.manifest.dataset.path ?? '';
  const targetSpecs = options.target.length > 0 ? options.target : (previous?.manifest.targetSpecs ?? []);
  const promptPaths = options.prompt.length > 0 ? options.prompt : (previous?.manifest.settings.prompt ?? []);
  // Every input is checked before anything is sent, and every problem of every input reported at
  // once: a bad dataset does not hide a missing key.
  const problems: string[] = [];
  const dataset = await collectProblems(problems, () => loadDataset(datasetPath));
  // Every variant is applied to every case now: a template variable a case cannot fill is
  // reported before anything is sent.
  const variants = dataset && (await collectProblems(problems, () => loadPromptVariants(promptPaths, dataset.cases)));
  const prices = await collectProblems(problems, async () => {
    const table = await loadPriceTable(options.prices);
    for (const row of context.extraPrices ?? []) if (!table.has(row.model)) table.set(row.model, row);
    return table;
  });
  const targets =
    prices &&
    (await collectProblems(problems, async () =>
      resolveTargets(targetSpecs, { environment: context.environment, prices, ...(context.simulated ? { simulated: context.simulated } : {}) }),
    ));
  if (targets && options.baseline !== undefined && !targets.some((target) => target.label === options.baseline)) {
    problems.push(`--baseline ${options.baseline}: not one of the targets (${targets.map((target) => target.label).join(', ')})`);
  }
  if (options.judge !== undefined) {
    // Checked even when no assertion needs a judge: a mistyped --judge should not pass unnoticed.
    try {
      parseTargetSpec(options.judge);
    } catch (error) {
      problems.push(`--judge: ${(error as Error).message}`);
    }
  }
  if (!dataset || !variants || !prices || !targets || problems.length > 0) throw new InputError(problems.join('\n'));
  const defaultJudge = options.judge ?? previous?.manifest.settings.judge;
  const judgeTargets = resolveJudgeTargets(judgeSpecsOf(dataset.cases, defaultJudge), context.environment, prices);
  const redact = createRedactor([...targets, ...judgeTargets.values()].flatMap((target) => target.secrets));
  const judge = createJudge({
    targets: judgeTargets,
    defaultJudge,
    redact,
    timeoutMs: options.timeoutMs,
    ...(context.interrupt ? { interrupt: context.interrupt } : {}),
  });
  const before = previous?.manifest.identity;
  const identity: RunIdentity = {
    datasetSha256: dataset.hash,
    targets: targetSpecs,
    prompts: variants.length > 0 ? variants.map((variant) => `${variant.label} ${variant.sha256}`) : ['default'],
    ...(defaultJudge !== undefined ? { judge: defaultJudge } : {}),
    repeats: options.repeats ?? before?.repeats ?? 1,
    ...(options.maxTokens !== undefined || before?.maxTokens !== undefined ? { maxTokens: options.maxTokens ?? before?.maxTokens } : {}),
    ...(options.temperature !== undefined || before?.temperature !== undefined
      ? { temperature: options.temperature ?? before?.temperature }
      : {}),
  };
  const configHash = hashRunIdentity(identity);
  if (previous && previous.manifest.configHash !== configHash && !options.force) {
    throw new InputError(
      `--resume ${options.resume}: ${describeIdentityChanges(before, identity).join(', ')} changed since the run started; ` +
        'its results would not be comparable. Start a new run, or pass --force to resume anyway.',
    );
  }
  // Before the run folder exists: a plan too large to hold, or a bad --cache-dir, is an input error like any other.
  assertPlanSize({ cases: dataset.cases.length, targets: targets.length, prompts: Math.max(1, variants.length), repeats: identity.repeats });
  const cache = await planCache(options, identity.repeats);
  const ignored = ignoredInRun(options, { repeats: identity.repeats, targetCount: targets.length, promptCount: Math.max(1, variants.length), cases: dataset.cases });
  for (const note of ignored) context.onNotice?.(note);
  context.onSending?.();
  const folder = previous && options.resume ? options.resume : await createRunFolder(options.out);
  const resuming = previous !== undefined;
  // Released at the end; if the run ends by an error instead, the process is gone and its lock
  // is taken over by the next run.
  const unlock = unlockResumed ?? (await writtenAtStart(folder, resuming, () => lockRunFolder(folder)));
  const fullPlan = planRun({ cases: dataset.cases, targets, repeats: identity.repeats, variants });
  const plan = previous ? resumePlan(fullPlan, previous.records) : fullPlan;
  const slotsAlreadyDone = fullPlan.requests.length - plan.requests.length;

  const manifest = buildManifest({ options, argv: context.argv, previous, folder, datasetPath, targetSpecs, dataset, targets, identity, configHash, redact, slotsAlreadyDone, promptPaths });
  const manifestPath = join(folder, 'run.json');
  const writeManifest = (contents: RunManifest) => writeFileAtomic(manifestPath, `${JSON.stringify(contents, null, 2)}\n`);
  await writtenAtStart(folder, resuming, () => writeManifest(manifest));

  // Loaded before the first request is timed: parsing it mid-run would stall streams in flight.
  const countTokens = await loadTokenCounter();
  const casesById = new Map(dataset.cases.map((testCase) => [testCase.id, testCase]));
  const warmup = plan.requests.length > 0 ? options.warmup : 0;
  // What the run spent before: its answers (a cached one cost nothing), their judges, and the
  // warm-ups of its earlier sessions, which left no record but run.json's sum.
  const earlierWarmupCostUsd = previous?.manifest.warmupCostUsd ?? 0;
  const alreadySpentUsd = (previous?.records ?? []).reduce(
    (sum, record) => sum + (record.cached ? 0 : (record.costUsd ?? 0)) + (record.score?.judge?.costUsd ?? 0),
    earlierWarmupCostUsd,
  );
  // The worst case reads every prompt whole: a sampled count could fall short of the bill.
  const budget = planBudget(options, targets, plan.requests, await loadTokenCounter({ whole: true }), { warmup, alreadySpentUsd });
  if (budget) context.onNotice?.(describeBudget(options, plan.requests.length, warmup * targets.length, alreadySpentUsd, budget.worstCaseTotalUsd));
  const results = await writtenAtStart(folder, resuming, () => ResultsFile.open(join(folder, 'results.jsonl')));
  let run: RunResult;
  try {
    run = await runPlan(
      plan,
      {
        concurrency: options.concurrency,
        targetConcurrency: options.targetConcurrency ?? options.concurrency,
        ...(options.rate !== undefined ? { ratePerSecond: options.rate } : {}),
        warmup,
        maxRetries: options.retries,
        maxErrorRate: options.maxErrorRate,
        timeoutMs: options.timeoutMs,
        stallTimeoutMs: options.stallTimeoutMs,
        ...(identity.maxTokens !== undefined ? { maxOutputTokens: identity.maxTokens } : {}),
        ...(identity.temperature !== undefined ? { temperature: identity.temperature } : {}),
      },
      {
        redact,
        countTokens,
        ...(context.stop ? { signal: context.stop } : {}),
        ...(context.interrupt ? { interrupt: context.interrupt } : {}),
        ...(budget ? { budget: budget.dependency } : {}),
        ...(cache ? { cache } : {}),
        onWarmedUp: async (costUsd) => {
          if (costUsd <= 0) return;
          // Written at once: a run killed later still tells its resume what the warm-ups cost.
          manifest.warmupCostUsd = earlierWarmupCostUsd + costUsd;
          await writeManifest(manifest);
        },
        // Scored as soon as each attempt ends, concurrently: an llm-judge call takes about as long
        // as the answer did, and one at a time they would outlast the run.
        prepareRecord: async (record) => {
          const testCase = casesById.get(record.caseId);
          if (record.status !== 'ok' || !testCase) return record;
          const score = await scoreCase(testCase, {
            output: record.output,
            ...(record.timing.ttftMs !== undefined ? { ttftMs: record.timing.ttftMs } : {}),
            ...(record.timing.e2eMs !== undefined ? { e2eMs: record.timing.e2eMs } : {}),
            ...(record.costUsd !== undefined ? { costUsd: record.costUsd } : {}),
            ...(record.toolCalls ? { toolCalls: record.toolCalls } : {}),
          }, judge ? { judge } : {});
          // The judge is paid for too: counted once its call ends (it cannot be reserved ahead,
          // as its answer has no --max-tokens bound).
          if (score?.judge?.costUsd !== undefined) budget?.dependency.guard.settle(0, score.judge.costUsd);
          // A new record: runPlan keeps the one it delivers. A judge's error may quote a key its server echoed back.
          return score ? { ...record, score: redactDeep(score, redact) } : record;
        },
        onRecord: (record) => results.append(record),
      },
    );
  } finally {
    await results.close();
  }

  const finishedAt = new Date().toISOString();
  const incomplete =
    (context.stop?.aborted ?? false) || (context.interrupt?.aborted ?? false) || run.budgetReached || run.stoppedTargets.length > 0;
  const { records, summaries, comparisons, reportPaths } = await writeRunReports(folder, {
    records: [...(previous?.records ?? []), ...run.records],
    planned: plannedPairs(fullPlan),
    baseline: options.baseline,
    run: {
      runId: manifest.runId,
      simulatedTargets: targets.filter((target) => target.simulated).map((target) => target.label),
      incomplete,
      startedAt: manifest.startedAt,
      finishedAt,
      caseIds: dataset.cases.map((testCase) => testCase.id),
    },
  });
  const finals = records.filter((record) => record.final);
  const finished: RunManifest = {
    ...manifest,
    finishedAt,
    status: incomplete ? 'incomplete' : 'completed',
    ...(run.stoppedTargets.length > 0 ? { stoppedTargets: run.stoppedTargets } : {}),
    ...(run.budgetReached ? { budgetReached: true } : {}),
    results: {
      attempts: records.length,
      slots: finals.length,
      ok: finals.filter((record) => record.status === 'ok').length,
      errors: finals.filter((record) => record.status === 'error').length,
    },
  };
  await writeManifest(finished);
  await unlock();
  return {
    folder,
    records,
    summaries,
    comparisons,
    targets,
    incomplete,
    stoppedTargets: run.stoppedTargets,
    budgetReached: run.budgetReached,
    reportPaths: [manifestPath, join(folder, 'results.jsonl'), ...reportPaths],
    ...(previous ? { resumed: { slotsAlreadyDone, droppedTornLine: previous.droppedTornLine } } : {}),
  };
}

/**
 * A file the run writes before sending anything (run.lock, run.json, results.jsonl): an OS error
 * there (a folder of /proc or /sys, a read-only disk, no space) is the user's choice of folder,
 * refused as input with the path and the code, not a crash.
 */
async function writtenAtStart<T>(folder: string, resuming: boolean, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    const { code, syscall, path } = error as NodeJS.ErrnoException;
    if (error instanceof InputError || typeof code !== 'string' || syscall === undefined) throw error;
    const where = path !== undefined && path !== folder ? `${path} (${code})` : `(${code})`;
    throw new InputError(
      resuming
        ? `--resume ${folder}: cannot write in the run folder: ${where}`
        : `cannot create the run folder ${folder}: ${where}; choose another --out`,
      { cause: error },
    );
  }
}

/** Runs a step that may refuse its input; its problems join the list instead of ending the run. */
async function collectProblems<T>(problems: string[], step: () => Promise<T>): Promise<T | undefined> {
  try {
    return await step();
  } catch (error) {
    if (error instanceof DatasetError) problems.push(...error.problems);
    else if (error instanceof InputError) problems.push(error.message);
    else throw error;
    return undefined;
  }
}
