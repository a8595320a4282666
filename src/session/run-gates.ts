import { existsSync } from 'node:fs';
import path from 'node:path';
import { isInputError } from '../config/errors.ts';
import type { EvalSettings } from '../config/settings/eval-settings.ts';
import type { SettingNames } from '../config/settings/setting-names.ts';
import { caseHash, caseKey, caseLabel, type AttemptRecord, type CaseContent, type CaseIdentity, type ComparedRun } from '../records/index.ts';
import { caseOutcomes } from '../stats/case-outcomes.ts';
import { evaluateGates, parseGate, quoted, type Gate, type GateBaseline, type GateResult, type GateSubject } from '../stats/gates/index.ts';
import { pairKey } from '../stats/pair-key.ts';
import { pairRuns, type PairedRuns } from '../stats/pair-runs.ts';
import type { TargetSummary } from '../stats/index.ts';
import { compareLoadedRuns } from './compare-runs.ts';
import { comparedRunFrom, loadComparedRun, readComparedManifest } from './load-compared-run.ts';

type GateSettings = Pick<EvalSettings, 'gates' | 'minPassRate' | 'maxDrop' | 'baselineRun'> & { out?: string | undefined };

/**
 * Every gate the settings declare: `--gate` (or gates.checks), `--min-pass-rate R` as
 * `pass_rate >= R` and `--max-drop P` as `pass_rate drop <= P`. Each problem is placed where the
 * gate was written (`llm-bench.yaml:14: gates.checks[1]: unknown figure …`, or the flag and its
 * text), so that a typo is exit code 2 before anything is sent, never a gate that cannot fail.
 */
export function gatesOfSettings(settings: GateSettings, names: SettingNames, cwd?: string): { gates: Gate[]; problems: string[] } {
  const gates: Gate[] = [];
  const problems: string[] = [];
  const relative: string[] = [];
  (settings.gates ?? []).forEach((text, index) => {
    const place = names.at('gates', [index]) ?? `${names.name('gates')} ${quoted(text)}`;
    const parsed = parseGate(text);
    if ('problem' in parsed) problems.push(`${place}: ${parsed.problem}`);
    else {
      gates.push(parsed.gate);
      if (parsed.gate.form !== 'absolute') relative.push(place);
    }
  });
  if (settings.minPassRate !== undefined) gates.unshift(fromSetting(`pass_rate >= ${settings.minPassRate}`));
  if (settings.maxDrop !== undefined) {
    gates.push(fromSetting(`pass_rate drop <= ${settings.maxDrop}`));
    relative.push(names.place('maxDrop'));
  }
  if (settings.baselineRun === undefined) {
    for (const place of relative) problems.push(`${place}${place.startsWith('--') ? '' : ':'} needs ${names.name('baselineRun')} DIR, a past run folder to compare with`);
  } else if (cwd !== undefined) {
    const place = names.place('baselineRun');
    const subject = `${place}${place.startsWith('--') ? ' ' : ': '}${settings.baselineRun}`;
    const baseline = path.resolve(cwd, settings.baselineRun);
    if (settings.out !== undefined && path.resolve(cwd, settings.out) === baseline) problems.push(`${subject}: ${ownFolder}`);
    else if (!existsSync(path.join(baseline, 'run.json'))) problems.push(`${subject}: not a run folder (no run.json)`);
  }
  return { gates, problems };
}

const ownFolder = "is this run's own folder: a run compared with itself cannot fail; name a past run";

/** What a run is about to send, as the baseline check needs it. */
export type PlannedRun = {
  /** The folder the run writes into: --out, or the one a resume completes (undefined: a new one). */
  folder?: string | undefined;
  datasets: ReadonlyArray<{ name: string; cases: ReadonlyArray<CaseContent & { id: string }> }>;
  /** Every (target label, prompt label) the run plans; `default` without prompt variants. */
  pairs: ReadonlyArray<{ target: string; prompt: string }>;
};

/**
 * The baseline run of drop and ratio gates, read and matched with the run's plan before anything
 * is sent, so that what the gates could only report as a failure after a paid run (exit code 4) is
 * an input error (exit code 2): the run's own folder, a damaged folder, cases whose content
 * changed since, or no case or target in common. Nothing when no drop or ratio gate would read it.
 */
export async function baselineRunProblems(settings: GateSettings, names: SettingNames, cwd: string, planned: PlannedRun): Promise<string[]> {
  if (settings.baselineRun === undefined) return [];
  const { gates } = gatesOfSettings(settings, names);
  if (!gates.some((gate) => gate.form !== 'absolute')) return [];
  const place = names.place('baselineRun');
  const subject = `${place}${place.startsWith('--') ? ' ' : ': '}${settings.baselineRun}`;
  const folder = path.resolve(cwd, settings.baselineRun);
  if (planned.folder !== undefined && path.resolve(cwd, planned.folder) === folder) return [`${subject}: ${ownFolder}`];
  let base: ComparedRun;
  try {
    base = await loadComparedRun(folder);
  } catch (error) {
    if (!isInputError(error)) throw error;
    return [`${subject}: ${error.message.startsWith(`${folder}: `) ? error.message.slice(folder.length + 2) : error.message}`];
  }
  let paired: PairedRuns;
  try {
    paired = pairRuns(base, plannedAsRun(planned));
  } catch (error) {
    if (isDifferentDatasets(error)) return [`${subject}: ${differentDatasetsText(error)}: name a baseline run of this dataset (or compare the runs afterwards with llm-bench compare --allow-changed)`];
    if (!isChangedCases(error)) throw error;
    return [`${subject}: ${changedCasesText(error.cases)}; the gates cannot compare them: name a baseline run of these cases (or compare the runs afterwards with llm-bench compare --allow-changed)`];
  }
  const problems: string[] = [];
  const shared = planned.datasets.reduce((sum, dataset) => sum + dataset.cases.length, 0) - paired.onlyInCurrent.length;
  if (shared === 0) {
    const datasets = (run: { datasets?: readonly string[] | undefined }) => (run.datasets ?? []).join(', ') || 'unnamed';
    problems.push(`${subject}: no case in common with this run (that run's datasets: ${datasets(base)}; this run's: ${datasets({ datasets: planned.datasets.map((dataset) => dataset.name) })}): the gates would compare nothing`);
  }
  if (paired.pairs.length === 0) {
    const labels = (pairs: ReadonlyArray<{ target: string; prompt: string }>) => pairs.map((pair) => (pair.prompt === 'default' ? pair.target : `${pair.target} (${pair.prompt})`)).join(', ');
    problems.push(`${subject}: no target in common with this run (that run's: ${labels(base.pairs)}; this run's: ${labels(planned.pairs)})`);
  }
  return problems;
}

/** The plan as compare reads a run folder: its cases with their hashes, its pairs, no records yet. */
function plannedAsRun(planned: PlannedRun): ComparedRun {
  const several = planned.datasets.length > 1;
  const cases: CaseIdentity[] = [];
  const caseHashes = new Map<string, string>();
  for (const dataset of planned.datasets) {
    for (const testCase of dataset.cases) {
      const identity: CaseIdentity = several ? { dataset: dataset.name, caseId: testCase.id } : { caseId: testCase.id };
      cases.push(identity);
      caseHashes.set(caseKey(identity), caseHash(testCase));
    }
  }
  const datasets = planned.datasets.map((dataset) => dataset.name);
  return { folder: planned.folder ?? '', runId: '', incomplete: true, simulatedTargets: [], records: [], caseHashes, datasets, cases, pairs: [...planned.pairs] };
}

/** A ChangedCasesError, known by its name and cases (not instanceof: a second copy of the module is another class). */
function isChangedCases(error: unknown): error is Error & { cases: CaseIdentity[] } {
  return error instanceof Error && error.name === 'ChangedCasesError' && Array.isArray((error as { cases?: unknown }).cases);
}

/** The user's text (case ids, dataset names) on one line of its own. */
const oneLine = (text: string) => text.replace(/[\0-\x1F\x7F-\x9F\u2028\u2029]/g, (character) => `\\u${character.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);

/** A DifferentDatasetsError, known by its name, as isChangedCases. */
function isDifferentDatasets(error: unknown): error is Error & { base: string; current: string } {
  return error instanceof Error && error.name === 'DifferentDatasetsError' && typeof (error as { base?: unknown }).base === 'string' && typeof (error as { current?: unknown }).current === 'string';
}

function differentDatasetsText(error: { base: string; current: string }): string {
  return `that run used dataset ${oneLine(error.base)} and this one ${oneLine(error.current)}, and that run predates case hashes, so whether cases of the same id are the same cases cannot be checked`;
}

/** `3 cases changed since that run: a, b, c`, at most 10 named, each on one line of its own text. */
function changedCasesText(cases: readonly CaseIdentity[]): string {
  const named = cases.slice(0, 10).map((identity) => oneLine(caseLabel(identity)));
  const more = cases.length > 10 ? `, and ${cases.length - 10} more` : '';
  return `${cases.length === 1 ? '1 case' : `${cases.length} cases`} changed since that run (another prompt, expected answer, assertion or image): ${named.join(', ')}${more}`;
}

/** A gate a setting stands for: always well formed, since the setting's own bounds were checked. */
function fromSetting(text: string): Gate {
  const parsed = parseGate(text);
  if ('problem' in parsed) throw new Error(`${text}: ${parsed.problem}`);
  return parsed.gate;
}

export type GateRun = { folder: string; records: readonly AttemptRecord[]; summaries: readonly TargetSummary[] };

export type RunGatesDependencies = {
  cwd: string;
  /** The run's pairs matched case by case with the baseline run's (compareRuns, or a fake). */
  compare?: (baseFolder: string, currentFolder: string) => Promise<{ comparisons: readonly GateBaseline[] }>;
};

/**
 * The gates on a finished run: its own figures for absolute gates; the baseline run, compared case
 * by case, for drop and ratio gates. When the runs cannot be compared (a case's content changed
 * since the baseline), every such gate fails with the reason.
 */
export async function runGates(run: GateRun, settings: GateSettings & Pick<EvalSettings, 'alpha' | 'midP' | 'powerMargin'>, names: SettingNames, dependencies: RunGatesDependencies): Promise<GateResult[]> {
  const { gates } = gatesOfSettings(settings, names);
  if (gates.length === 0) return [];
  const options = { alpha: settings.alpha, midP: settings.midP, powerMargin: settings.powerMargin };
  const subjects = gateSubjects(run);
  const relative = gates.filter((gate) => gate.form !== 'absolute');
  if (relative.length === 0 || settings.baselineRun === undefined) return evaluateGates({ gates, subjects }, options);
  // The run's own side from the records it holds: only its run.json is read back.
  const compare =
    dependencies.compare ??
    (async (base: string, current: string) => {
      const [baseRun, manifest] = await Promise.all([loadComparedRun(base), readComparedManifest(current)]);
      return compareLoadedRuns(baseRun, comparedRunFrom(current, manifest, run.records), { alpha: settings.alpha, midP: settings.midP });
    });
  const baseFolder = path.resolve(dependencies.cwd, settings.baselineRun);
  const failAll = (why: string): GateResult[] => {
    const reason = `cannot compare with ${names.name('baselineRun')} ${settings.baselineRun}: ${why}`;
    const absolute = evaluateGates({ gates: gates.filter((gate) => gate.form === 'absolute'), subjects }, options);
    const failed = relative.flatMap((gate) => subjects.map((subject): GateResult => ({ gate: gate.text, target: subject.target, prompt: subject.prompt, passed: false, line: reason })));
    return [...absolute, ...failed];
  };
  if (baseFolder === path.resolve(dependencies.cwd, run.folder)) return failAll(ownFolder);
  try {
    const { comparisons } = await compare(baseFolder, run.folder);
    return evaluateGates({ gates, subjects, baselines: comparisons }, options);
  } catch (error) {
    if (!isInputError(error)) throw error;
    // `run` has no --allow-changed: the advice that fits is compare's.
    if (isChangedCases(error)) return failAll(`${changedCasesText(error.cases)}; compare them with llm-bench compare --allow-changed`);
    if (isDifferentDatasets(error)) return failAll(`${differentDatasetsText(error)}; compare them with llm-bench compare --allow-changed`);
    // The folder is named once, as given: compareRuns names it resolved.
    const message = error.message.startsWith(`${baseFolder}: `) ? error.message.slice(baseFolder.length + 2) : error.message;
    return failAll(message.split('\n').join(' '));
  }
}

/** Each (target, prompt) of a run, in the summaries' order, with its cases: what absolute gates test. */
export function gateSubjects(run: Pick<GateRun, 'records' | 'summaries'>): GateSubject[] {
  const records = new Map<string, AttemptRecord[]>();
  for (const record of run.records) {
    const key = pairKey(record);
    const list = records.get(key);
    if (list) list.push(record);
    else records.set(key, [record]);
  }
  return run.summaries.map((summary) => ({
    target: summary.target,
    prompt: summary.prompt,
    summary,
    outcomes: [...caseOutcomes(records.get(pairKey(summary)) ?? []).values()],
  }));
}
