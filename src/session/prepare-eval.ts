import { InputError } from '../config/errors.ts';
import type { EvalSettings } from '../config/settings/eval-settings.ts';
import { flagNames, type SettingNames } from '../config/settings/setting-names.ts';
import { runSettings, type RunSettingName } from '../config/settings/run-settings.ts';
import type { NamedReporter } from '../reports/index.ts';
import { loadRunReporters } from './reporter-problems.ts';
import { assertPlanSize, planRun, redactDeep, resumePlan, type Plan, type RunDependencies } from '../runner/index.ts';
import type { Judge } from '../scoring/index.ts';
import { parseShard, shardPlan } from '../runner/shard-plan.ts';
import { createRedactor } from '../targets/index.ts';
import { createJudge, judgeSpecsOf, resolveJudgeTargets } from './create-judge.ts';
import { ignoredInRun } from './ignored-flags.ts';
import { loadEvalInputs, type EvalInputs } from './load-eval-inputs.ts';
import { baselineRunProblems } from './run-gates.ts';
import { describeIdentityChanges, hashRunIdentity, type PreviousRun, type RunIdentity } from './run-folder.ts';
import { planCache } from './run-guards.ts';
import { isSimulatedSpec } from './start-simulator.ts';
import path from 'node:path';
import { shownPath } from '../config/shown-path.ts';
import { parseSlo, type SloObjective } from '../stats/index.ts';
import type { Dataset } from '../datasets/case.ts';
import { resolveStepTargets, type StepTargets } from './step-targets.ts';
import { priceTableNotice } from '../targets/price-table-notice.ts';
import { loadRunSettings } from './load-run-settings.ts';
import { chooseEngine, type ChosenEngine } from '../runner/lean/engine-attempt.ts';
import { isOpenLoop } from '../config/settings/eval-settings.ts';

/** A run ready to send: every input loaded and checked, the plan made. Nothing sent, nothing written. */
export type PreparedEval = {
  settings: EvalSettings;
  inputs: EvalInputs;
  identity: RunIdentity;
  configHash: string;
  redact: (text: string) => string;
  judge: Judge | undefined;
  /**
   * The whole plan (with --shard K/N: the shard's slots, each keeping its order in the whole
   * plan), and the part still to send (all of it, unless resuming).
   */
  fullPlan: Plan;
  plan: Plan;
  cache: RunDependencies['cache'];
  reporters: NamedReporter[];
  /** Settings given where they do nothing, to tell the user. */
  notices: string[];
  /** `--slo`, parsed: goodput is judged against these. */
  slo?: SloObjective[];
  /** The engine that sends the requests, and why (`--engine auto` says what it chose). */
  engine: ChosenEngine;
  /** Multi-call cases: the target each step is sent to, resolved before the run. */
  stepTargets: StepTargets;
};

export type PrepareContext = {
  environment: Record<string, string | undefined>;
  /** Where relative dataset paths, globs and reporter module paths are found. */
  cwd: string;
  /** How messages name a setting: its flag (the default), or its key and line in the eval file. */
  names?: SettingNames | undefined;
  previous?: PreviousRun | undefined;
  /** Resume even though what decides the results changed. */
  force?: boolean;
  resumeFolder?: string;
};

/** Prepare: load and check everything, then plan. On any problem, an InputError and nothing left running. */
export async function prepareEval(settings: EvalSettings, context: PrepareContext): Promise<PreparedEval> {
  // Both checked before either fails: a bad reporter does not hide a bad dataset.
  const [inputs, reporters] = await Promise.allSettled([loadEvalInputs(settings, context), loadRunReporters(settings.reporters, context.cwd, context.names ?? flagNames)]);
  if (inputs.status === 'rejected') {
    if (reporters.status === 'rejected' && reporters.reason instanceof InputError && inputs.reason instanceof InputError) {
      throw new InputError(`${inputs.reason.message}\n${reporters.reason.message}`);
    }
    throw inputs.reason;
  }
  return prepareLoaded(settings, context, inputs.value, reporters);
}

async function prepareLoaded(settings: EvalSettings, context: PrepareContext, inputs: EvalInputs, loaded: PromiseSettledResult<NamedReporter[]>): Promise<PreparedEval> {
  try {
    if (loaded.status === 'rejected') throw loaded.reason;
    const reporters = loaded.value;
    const { cases, targets, variants, prices } = inputs;
    const stepTargets = resolveStepTargets(settings, inputs, context.environment, (index) => (context.names ?? flagNames).at('targets', [index]) ?? `target ${targets[index]?.label ?? index + 1}`);
    const judgeTargets = resolveJudgeTargets(judgeSpecsOf(cases, settings.judge), judgeEnvironment(settings.judge, context.environment, inputs), prices);
    const redact = createRedactor([...targets, ...stepTargets.extraTargets, ...judgeTargets.values()].flatMap((target) => target.secrets));
    assertNoKeyInNames(settings, targets, redact);
    const judge = createJudge({ targets: judgeTargets, defaultJudge: settings.judge, redact, timeoutMs: settings.timeoutMs });
    // Redacted before it is hashed: run.json keeps it so, and a resume hashes what it reads there.
    const identity = redactDeep(identityOf(settings, inputs), redact);
    const configHash = hashRunIdentity(identity);
    const before = context.previous?.manifest.identity;
    if (context.previous && context.previous.manifest.configHash !== configHash && !context.force) {
      throw new InputError(
        `--resume ${context.resumeFolder}: ${describeIdentityChanges(before, identity).join(', ')} changed since the run started; ` +
          'its results would not be comparable. Start a new run, or pass --force to resume anyway.',
      );
    }
    const prompts = Math.max(1, variants.length);
    assertNoVariantsOfMultiCallCases(variants.length, inputs.datasets, (context.names ?? flagNames).place('prompts'));
    // A plan too large to hold, or a bad cache folder, is an input error like any other.
    const names = context.names ?? flagNames;
    // Read before anything is planned or read from a baseline: a bad --shard is refused like any other input.
    const shard = settings.shard !== undefined ? parseShard(settings.shard, names.place('shard')) : undefined;
    // Load settings and objectives are checked here too, before any folder is made: a bad one leaves nothing behind.
    loadRunSettings(settings, names, { resumed: context.previous !== undefined, wallNowMs: Date.now() });
    const slo = settings.slo === undefined ? undefined : parseSlo(settings.slo, names.place('slo'));
    // A cached answer has no timing: it measures no load and meets no latency objective.
    if (settings.cache && (isOpenLoop(settings) || settings.sweep !== undefined || settings.slo !== undefined)) {
      const load = settings.slo !== undefined && !isOpenLoop(settings) && settings.sweep === undefined ? names.name('slo') : settings.sweep !== undefined ? names.name('sweep') : names.name('rate');
      throw new InputError(`${names.place('cache')} answers repeated requests without sending them, which ${load} cannot measure (a cached answer has no timing): leave one of them out`);
    }
    // Chosen here, before any folder is made: a bad --engine, or lean with a target it cannot serve, is refused.
    const engine = chooseEngine({ engine: settings.engine, load: isOpenLoop(settings), targets, settingName: names.place('engine'), multiCall: cases.some((testCase) => testCase.calls !== undefined) });
    assertPlanSize(
      { cases: cases.length, targets: targets.length, prompts, repeats: settings.repeats, datasets: inputs.datasets.length },
      { targets: names.name('targets'), prompts: names.name('prompts'), repeats: names.place('repeats') },
    );
    // A drop or ratio gate's baseline run is read now: damage, changed cases or nothing in common
    // is exit 2 before anything is paid for, not a failed gate after.
    const baselineProblems = await baselineRunProblems(settings, names, context.cwd, {
      folder: context.resumeFolder ?? settings.out,
      datasets: inputs.datasets,
      pairs: (variants.length > 0 ? variants.map((variant) => variant.label) : ['default']).flatMap((prompt) => targets.map((target) => ({ target: target.label, prompt }))),
    });
    if (baselineProblems.length > 0) throw new InputError(baselineProblems.join('\n'));
    const cache = await planCache({ ...settings, cacheDir: path.resolve(context.cwd, settings.cacheDir) }, settings.repeats, (context.names ?? flagNames).place('cacheDir'));
    const wholePlan = planRun({ cases, targets, repeats: settings.repeats, variants });
    const fullPlan = shard ? shardPlan(wholePlan, shard) : wholePlan;
    const plan = context.previous ? resumePlan(fullPlan, context.previous.records) : fullPlan;
    const notices = [...(await simulatorNotices(inputs, context.cwd)), ...priceNotices(inputs, Date.now()), ...engineNotice(engine, isOpenLoop(settings)), ...ignoredInRun(settings, { repeats: settings.repeats, targetCount: targets.length, promptCount: prompts, cases }, context.names)];
    return { settings, inputs, identity, configHash, redact, judge, fullPlan, plan, cache, reporters, notices, engine, stepTargets, ...(slo ? { slo } : {}) };
  } catch (error) {
    await inputs.simulator?.close();
    throw error;
  }
}

/**
 * A prompt variant rewrites a case's one prompt; a pipeline or a conversation has one per step,
 * which a variant would leave as they are while every record said otherwise: refused.
 */
function assertNoVariantsOfMultiCallCases(variantCount: number, datasets: readonly Dataset[], setting: string): void {
  if (variantCount === 0) return;
  const multi = datasets.flatMap((dataset) => dataset.cases.filter((testCase) => testCase.calls !== undefined).map((testCase) => ({ testCase, path: dataset.path })));
  const first = multi[0]?.testCase;
  if (!first) return;
  const where = `${multi[0]!.path}:${first.line}`;
  throw new InputError(
    `${setting} rewrites a case's single prompt, but ${multi.length} ${multi.length === 1 ? 'case here is' : 'cases here are'} multi-call (pipelines or conversations, with a prompt per step; ` +
      `first: ${first.id}, ${where}): write each variant as a dataset of its own, or leave out ${setting}`,
  );
}

/** Prices over 30 days old, said once, when a real (not simulated) target is priced from the table. */
function priceNotices(inputs: EvalInputs, nowMs: number): string[] {
  if (!inputs.targets.some((target) => !target.simulated && target.price !== undefined)) return [];
  const notice = priceTableNotice(inputs.prices, nowMs);
  return notice ? [notice] : [];
}

/**
 * A key inside a name the run writes everywhere (a target's label, the run folder, whose name is
 * the run's id) would be stored and printed as it is: refused, the key masked.
 */
function assertNoKeyInNames(settings: EvalSettings, targets: readonly { label: string }[], redact: (text: string) => string): void {
  const named = [
    ...targets.map((target) => ({ what: 'target label', text: target.label })),
    ...(settings.out !== undefined ? [{ what: 'run folder (out)', text: settings.out }] : []),
  ];
  const problems = named.filter(({ text }) => redact(text) !== text).map(({ what, text }) => `${what} "${redact(text)}" holds a key, which would be written to every report; choose another name`);
  if (problems.length > 0) throw new InputError(problems.join('\n'));
}

/** Where the simulator listens, and the cases it cannot answer as a model would (they get echoes). */
async function simulatorNotices(inputs: EvalInputs, cwd: string): Promise<string[]> {
  if (!inputs.simulator) return [];
  // Loaded with the simulator only: it reads the simulator's own modules.
  const { unknownCasesLines } = await import('./simulator-cases.ts');
  const simulated = inputs.targets.filter((target) => target.simulated).length;
  const from = inputs.datasets.map((dataset) => shownPath(dataset.path, cwd)).join(', ');
  return [
    `Simulator on ${inputs.simulator.url}: ${simulated} simulated target${simulated === 1 ? '' : 's'}, ${inputs.cases.length} case${inputs.cases.length === 1 ? '' : 's'} from ${from}.`,
    ...unknownCasesLines(inputs.simulator.knowledge, inputs.cases, inputs.variants),
  ];
}

/** What decides a run's results: a resume that changes any of it is refused (unless forced). */
function identityOf(settings: EvalSettings, inputs: EvalInputs): RunIdentity {
  // What the inputs are, rather than where they were read: a file's hash, a prompt's label and hash.
  const values: Partial<Record<RunSettingName, unknown>> = {
    datasets: inputs.datasetsHash,
    // A plain spec stays a string, so a run.json of an earlier llm-bench hashes the same.
    targets: settings.targets.map((entry) => (Object.keys(entry).length === 1 ? entry.target : entry)),
    prompts: inputs.variants.length > 0 ? inputs.variants.map((variant) => `${variant.label} ${variant.sha256}`) : ['default'],
  };
  // The settings declared `resume: 'identity'`, in their declared order (the hash depends on it).
  const identity: Record<string, unknown> = {};
  for (const name of Object.keys(runSettings) as RunSettingName[]) {
    if (runSettings[name].resume !== 'identity') continue;
    const value = name in values ? values[name] : (settings as Record<string, unknown>)[name];
    // A switch that is off adds nothing: a run from before the switch existed hashes the same.
    if (value !== undefined && value !== false) identity[name === 'datasets' ? 'datasetSha256' : name] = value;
  }
  return identity as RunIdentity;
}

/** A `simulated:` judge is served by the run's simulator; judges named in a dataset keep the user's environment. */
function judgeEnvironment(judge: string | undefined, environment: Record<string, string | undefined>, inputs: EvalInputs): Record<string, string | undefined> {
  return judge !== undefined && isSimulatedSpec(judge) && inputs.simulator ? { ...environment, ...inputs.simulator.environment } : environment;
}


/** Which engine sends the requests, said for load and for lean: an eval on the SDK engine is the usual case. */
function engineNotice(chosen: ChosenEngine, load: boolean): string[] {
  return chosen.engine === 'lean' || load ? [`Engine: ${chosen.engine} (${chosen.reason}).`] : [];
}
