import { readFile, readdir, rmdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { InputError } from '../config/errors.ts';
import type { EvalSettings } from '../config/settings/eval-settings.ts';
import { flagNames } from '../config/settings/setting-names.ts';
import { formatSweepSpec, parseSweepSpec, type SweepSpec } from '../config/sweep-spec.ts';
import { writeSweepReports } from '../reports/sweep-reports.ts';
import type { SweepCurve, SweepStep } from '../reports/sweep-curve.ts';
import { formatSlo, parseSlo, type SloObjective } from '../stats/index.ts';
import { highestMetRate, nextSearchRate, type SearchedRate } from './next-search-rate.ts';
import type { RunContext, RunOutcome } from './run-eval.ts';
import { createRunFolder } from './run-folder.ts';
import { stepRecordFiguresOf } from './step-record-figures.ts';
import { sweepStepRows } from './sweep-step-rows.ts';

type RunOnce = (settings: EvalSettings, context: RunContext) => Promise<RunOutcome>;

/** What a step asks for: an open-loop rate or a closed-loop concurrency. */
type StepLoad = { rate: number } | { concurrency: number };

/** Open-loop steps arrive as Poisson unless --arrival says otherwise: what real traffic looks like. */
const sweepArrival = 'poisson';

/**
 * `--sweep`: the whole plan once per step, each a normal run (the same core, `runOnce`) in its own
 * folder under the sweep's (`step-1-rate-2/`), then the curve of every step in sweep.json,
 * sweep.csv, sweep.md and sweep.html there. Ctrl-C ends the step in flight as it ends a run, and
 * the curve holds the steps done.
 */
export async function runSweep(settings: EvalSettings, context: RunContext, runOnce: RunOnce): Promise<RunOutcome> {
  const names = context.names ?? flagNames;
  const spec = parseSweepSpec(settings.sweep!, names.place('sweep'));
  const slo = parseSlo(settings.slo ?? [], names.place('slo'));
  if (context.resume !== undefined) {
    throw new InputError(`${names.name('sweep')} cannot be resumed: run the sweep again, or complete one of its steps with --resume <sweep folder>/step-…`);
  }
  // Load settings the steps would drop without a word are refused: a concurrency sweep is closed
  // loop (no rate, no arrivals); a sweep of rates sets each step's rate itself.
  const closedLoopOnly = (['rate', 'arrival', 'rampUpSeconds'] as const).filter((name) => settings[name] !== undefined);
  if (spec.kind === 'concurrency' && closedLoopOnly.length > 0) {
    throw new InputError(`${names.place('sweep')} ${settings.sweep} runs closed-loop steps, which take no ${closedLoopOnly.map((name) => names.name(name)).join(' or ')}: leave ${closedLoopOnly.length === 1 ? 'it' : 'them'} out, or sweep rates (rate=…)`);
  }
  if (spec.kind === 'rate' && settings.rate !== undefined) {
    throw new InputError(`${names.place('sweep')} ${settings.sweep} sets each step's rate: leave ${names.name('rate')} out (it is the starting rate of ${names.name('sweep')} max-rate only)`);
  }
  if (spec.kind === 'max-rate' && slo.length === 0) {
    throw new InputError(`${names.place('sweep')} max-rate needs ${names.name('slo')}: the objective each step must meet (e.g. --slo 'ttft<=500')`);
  }
  // A folder this sweep makes is removed again if its first step refuses its input; one the user made is left.
  const existed = settings.out !== undefined && (await stat(resolve(context.cwd, settings.out)).then(() => true, () => false));
  const folder = await createRunFolder(settings.out, context.cwd, names.name('out'));
  if ((await readdir(folder)).includes('sweep.json')) {
    throw new InputError(`${folder} already holds a sweep's sweep.json; choose another ${names.name('out')}`);
  }
  const steps: SweepStep[] = [];
  const curve: SweepCurve = {
    spec: formatSweepSpec(spec),
    kind: spec.kind,
    arrival: spec.kind === 'concurrency' ? undefined : (settings.arrival ?? sweepArrival),
    slo: slo.length > 0 ? formatSlo(slo) : undefined,
    goodputTarget: settings.goodputTarget,
    steps,
    rows: [],
    interrupted: false,
    simulatedTargets: [],
  };
  const outcomes: RunOutcome[] = [];
  const searched: SearchedRate[] = [];
  for (let load: StepLoad | undefined = firstLoad(spec, settings); load !== undefined; load = nextLoad(spec, steps.length, searched, settings)) {
    const step: SweepStep = { step: steps.length + 1, folder: stepFolder(steps.length + 1, load), ...load, incomplete: false };
    const of = spec.kind === 'rate' ? ` of ${spec.rates.length}` : spec.kind === 'concurrency' ? ` of ${spec.concurrencies.length}` : '';
    context.onNotice?.(`Sweep step ${step.step}${of}: ${'rate' in load ? `rate ${load.rate} requests/s, open loop` : `concurrency ${load.concurrency}, closed loop`}, in ${step.folder}/`);
    let outcome: RunOutcome;
    try {
      outcome = await runOnce(stepSettings(settings, load, join(folder, step.folder), step.step), { ...context, resume: undefined });
    } catch (error) {
      if (steps.length === 0 && !existed) await removeIfEmpty(folder);
      throw error;
    }
    outcomes.push(outcome);
    step.incomplete = outcome.incomplete;
    const harness = await harnessOf(join(folder, step.folder));
    if (harness) step.harness = harness;
    // A step past 50,000 records holds a sample of them: its throughput, send rate and goodput are read from every record.
    const figures = outcome.recordsSampled ? await stepRecordFiguresOf(join(folder, step.folder, 'results.jsonl'), slo) : undefined;
    const rows = sweepStepRows(step, outcome.summaries, outcome.records, slo, figures);
    // A step stopped before its plan was done (Ctrl-C, a stopped target, the budget) proves nothing: it never meets the SLO.
    if (slo.length > 0) step.meetsSlo = !step.incomplete && rows.length > 0 && rows.every((row) => row.goodput !== undefined && row.goodput >= settings.goodputTarget);
    steps.push(step);
    curve.rows.push(...rows);
    curve.simulatedTargets = outcome.targets.filter((target) => target.simulated).map((target) => target.label);
    if ('rate' in load) searched.push({ rate: load.rate, meets: step.meetsSlo ?? false });
    if ((context.stop?.aborted ?? false) || (context.interrupt?.aborted ?? false)) {
      curve.interrupted = true;
      break;
    }
    // A step the run's own rules stopped (a target that failed, the budget) ends the sweep too.
    if (outcome.stoppedTargets.length > 0 || outcome.budgetReached) break;
  }
  if (spec.kind === 'max-rate') curve.maxRate = highestMetRate(searched);
  const reportPaths = await writeSweepReports(folder, curve);
  return combinedOutcome(folder, curve, outcomes, reportPaths);
}

function firstLoad(spec: SweepSpec, settings: EvalSettings): StepLoad {
  if (spec.kind === 'rate') return { rate: spec.rates[0]! };
  if (spec.kind === 'concurrency') return { concurrency: spec.concurrencies[0]! };
  return { rate: settings.rate ?? 1 };
}

function nextLoad(spec: SweepSpec, done: number, searched: readonly SearchedRate[], settings: EvalSettings): StepLoad | undefined {
  if (spec.kind === 'rate') return done < spec.rates.length ? { rate: spec.rates[done]! } : undefined;
  if (spec.kind === 'concurrency') return done < spec.concurrencies.length ? { concurrency: spec.concurrencies[done]! } : undefined;
  const rate = nextSearchRate(searched, settings.rate ?? 1);
  return rate === undefined ? undefined : { rate };
}

function stepFolder(step: number, load: StepLoad): string {
  return 'rate' in load ? `step-${step}-rate-${load.rate}` : `step-${step}-concurrency-${load.concurrency}`;
}

/** A step is a normal run: open loop at its rate (Poisson unless --arrival), or closed loop at its concurrency. */
/**
 * A step's settings: its rate (open loop) or concurrency (closed loop), its folder, and its own
 * seed (the sweep's, plus the step's number less one): each step draws its own arrivals and
 * simulated latencies, rather than every step the same draws scaled, which would share one
 * realisation's luck. The same sweep seed still gives the same sweep.
 */
function stepSettings(settings: EvalSettings, load: StepLoad, out: string, step: number): EvalSettings {
  const { sweep: _sweep, rate: _rate, arrival, rampUpSeconds, ...rest } = settings;
  const seed = settings.seed === undefined ? {} : { seed: (settings.seed + step - 1) % 2 ** 32 };
  if ('rate' in load) return { ...rest, out, ...seed, rate: load.rate, arrival: arrival ?? sweepArrival, ...(rampUpSeconds !== undefined ? { rampUpSeconds } : {}) };
  return { ...rest, out, ...seed, concurrency: load.concurrency };
}

/** The sweep as one outcome: its folder and files, every step's gates and stops, the last step's records and summaries. */
function combinedOutcome(folder: string, curve: SweepCurve, outcomes: readonly RunOutcome[], reportPaths: string[]): RunOutcome {
  const last = outcomes.at(-1)!;
  const stopped = new Map<string, { target: string; reason: string }>();
  for (const outcome of outcomes) for (const stop of outcome.stoppedTargets) stopped.set(stop.target, stop);
  return {
    ...last,
    folder,
    reportPaths,
    gates: outcomes.flatMap((outcome) => outcome.gates),
    stoppedTargets: [...stopped.values()],
    budgetReached: outcomes.some((outcome) => outcome.budgetReached),
    incomplete: curve.interrupted || outcomes.some((outcome) => outcome.incomplete),
    sweep: curve,
  };
}

async function removeIfEmpty(folder: string): Promise<void> {
  const entries = await readdir(folder).catch(() => undefined);
  if (entries?.length === 0) await rmdir(folder).catch(() => undefined);
}

/** The step's harness check, as its run.json keeps it; undefined when there is none. */
async function harnessOf(stepFolder: string): Promise<SweepStep['harness']> {
  try {
    const manifest = JSON.parse(await readFile(join(stepFolder, 'run.json'), 'utf8')) as { harness?: { saturated?: unknown; reasons?: unknown } };
    const check = manifest.harness;
    if (!check || typeof check.saturated !== 'boolean') return undefined;
    return { saturated: check.saturated, reasons: Array.isArray(check.reasons) ? check.reasons.map(String) : [] };
  } catch {
    return undefined;
  }
}
