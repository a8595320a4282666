import type { HarnessCheck } from '../records/harness-check.ts';
import type { EvalSettings } from '../config/settings/eval-settings.ts';
import { spentBefore } from './spent-before.ts';
import { flagNames } from '../config/settings/setting-names.ts';
import type { AttemptRecord } from '../records/index.ts';
import type { RecordsSample } from '../reports/report-input.ts';
import type { RunEvent } from '../reports/index.ts';
import { notifyReporters } from '../reports/notify-reporters.ts';
import type { BaselineComparison, TargetSummary } from '../stats/index.ts';
import type { GateResult } from '../stats/gates/index.ts';
import { executePlan, type ExecuteContext } from './execute-plan.ts';
import { prepareEval, type PrepareContext } from './prepare-eval.ts';
import { holdNewFolder, holdResumedFolder, type HeldFolder } from './run-folder-session.ts';
import { buildManifest, type RunManifest } from './run-manifest.ts';
import type { SweepCurve } from '../reports/sweep-curve.ts';
import type { PreviousRun } from './run-folder.ts';
import { estimateBeforeRun, type EstimateContext } from './estimate/index.ts';

export type RunContext = Omit<PrepareContext, 'previous' | 'resumeFolder'> &
  Omit<ExecuteContext, 'emit'> &
  Pick<EstimateContext, 'confirmSpend'> & {
    /** The command line, recorded in run.json (redacted). */
    argv?: string[];
    /** Complete the run in this folder: only what is missing or failed is sent. */
    resume?: string | undefined;
    /** Every lifecycle event, after the reporters have had it. */
    onEvent?: ((event: RunEvent) => void | Promise<void>) | undefined;
    /** Called once every input is loaded and checked, before the run folder is made. */
    onSending?: (() => void) | undefined;
  };

export type RunOutcome = {
  folder: string;
  /** Every record of the session; past 50,000 records a sample of them, and `recordsSampled` says which (every record is in results.jsonl). */
  records: AttemptRecord[];
  recordsSampled?: RecordsSample;
  summaries: TargetSummary[];
  comparisons: BaselineComparison[];
  /** What each target was: label, kind, model, route, endpoint (keys redacted), simulated, price. */
  targets: RunManifest['targets'];
  reportPaths: string[];
  incomplete: boolean;
  stoppedTargets: Array<{ target: string; reason: string }>;
  budgetReached: boolean;
  /** Set when resuming. */
  resumed?: { slotsAlreadyDone: number; droppedTornLine: boolean };
  /** Every gate's result (--gate, --min-pass-rate, --max-drop); a failed one is `passed: false`, exit code 4 in the CLI. */
  gates: GateResult[];
  /**
   * With --sweep: the load curve, one row per (step, target). `folder` and `reportPaths` are then
   * the sweep's (sweep.json, .csv, .md, .html); `records` and `summaries` the last step's; `gates`
   * and `stoppedTargets` every step's. Each step's own run is in `sweep.steps[k].folder`.
   */
  sweep?: SweepCurve;
  /** The harness's check on itself over the run (its last step, in a sweep): `saturated` says its figures may show the harness's limit. */
  harness?: HarnessCheck;
  /** Arrivals at a rate (--rate): latency from the scheduled time is what a user behind the load felt. */
  openLoop?: boolean;
};

/**
 * The run core, as the CLI and the API call it: prepare (load and check everything), plan, run
 * and score, summarise, write. It returns the outcome as data and tells the caller what happens
 * through events; it writes nothing to the terminal.
 */
export async function runEval(settings: EvalSettings, context: RunContext): Promise<RunOutcome> {
  // A sweep is this same core once per step.
  if (settings.sweep !== undefined) return (await import('./run-sweep.ts')).runSweep(settings, context, runOnce);
  return runOnce(settings, context);
}

async function runOnce(settings: EvalSettings, context: RunContext): Promise<RunOutcome> {
  const resumed = context.resume !== undefined ? await holdResumedFolder(context.resume) : undefined;
  let held: HeldFolder | undefined = resumed?.held;
  let prepared;
  try {
    prepared = await prepareEval(settings, { ...context, previous: resumed?.previous, ...(context.resume !== undefined ? { resumeFolder: context.resume } : {}) });
  } catch (error) {
    await held?.unlock();
    throw error;
  }
  try {
    for (const notice of prepared.notices) context.onNotice?.(notice);
    // The estimate in one line; --confirm-above asks (through the caller) or refuses here, before anything is sent or made.
    await estimateBeforeRun(prepared, context);
    context.onSending?.();
    held ??= await holdNewFolder(settings.out, context.cwd, (context.names ?? flagNames).name('out'));
    return await sendAndReport(prepared, held, resumed?.previous, context);
  } catch (error) {
    // A reporter or a caller's onEvent that throws ends the run; its folder is not left locked.
    await held?.unlock();
    throw error;
  } finally {
    await prepared.inputs.simulator?.close();
  }
}

async function sendAndReport(prepared: Awaited<ReturnType<typeof prepareEval>>, held: HeldFolder, previous: PreviousRun | undefined, context: RunContext): Promise<RunOutcome> {
  const emit = async (event: RunEvent) => {
    await notifyReporters(prepared.reporters, event);
    await context.onEvent?.(event);
  };
  const slotsAlreadyDone = prepared.fullPlan.requests.length - prepared.plan.requests.length;
  const manifest = buildManifest({
    settings: prepared.settings,
    engine: prepared.engine,
    cwd: context.cwd,
    force: context.force ?? false,
    argv: context.argv ?? [],
    previous,
    folder: held.folder,
    datasets: prepared.inputs.datasets,
    datasetsHash: prepared.inputs.datasetsHash,
    targets: prepared.inputs.targets,
    identity: prepared.identity,
    configHash: prepared.configHash,
    redact: prepared.redact,
    slotsAlreadyDone,
  });
  await held.writeManifest(manifest);
  const targets = prepared.inputs.targets.map((target) => target.label);
  await emit({ type: 'run-started', runId: manifest.runId, folder: held.folder, targets, plannedRequests: prepared.fullPlan.requests.length, alreadyDone: slotsAlreadyDone, alreadySpentUsd: spentBefore(previous?.records ?? [], previous?.manifest.warmupCostUsd) });
  // The reports' modules load while the requests are out, not before the first one leaves.
  const finishing = import('./finish-run.ts');
  finishing.catch(() => {});
  const run = await executePlan(prepared, held, manifest, previous?.records ?? [], { ...context, emit });
  const { finishRun, committedRecords } = await finishing;
  const interrupted = (context.stop?.aborted ?? false) || (context.interrupt?.aborted ?? false);
  // --reconcile: the gateway's own record of a sample of this session's generations, before the
  // reports are written (they show it), while the simulator still knows the ids it issued.
  let finished = run;
  if (prepared.settings.reconcile !== undefined && !interrupted) {
    const earlier = previous?.records.length ?? 0;
    const records = (await committedRecords(held, previous?.records ?? [], run)).slice(earlier);
    // Read once: the reports are built from the same records.
    finished = { ...run, records };
    const { reconcileRun } = await import('./reconcile-run.ts');
    const reconciled = await reconcileRun(held.folder, {
      sample: prepared.settings.reconcile,
      seed: prepared.settings.seed,
      records,
      targets: [...prepared.inputs.targets, ...prepared.stepTargets.extraTargets],
      redact: prepared.redact,
    });
    context.onNotice?.(reconciled.notice);
  }
  const outcome = await finishRun(prepared, held, manifest, { run: finished, previousRecords: previous?.records ?? [], interrupted, emit, names: context.names ?? flagNames, cwd: context.cwd });
  return { ...outcome, ...(previous ? { resumed: { slotsAlreadyDone, droppedTornLine: previous.droppedTornLine } } : {}) };
}
