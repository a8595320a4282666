import { existsSync } from 'node:fs';
import path from 'node:path';
import { isInputError } from '../config/errors.ts';
import type { EvalSettings } from '../config/settings/eval-settings.ts';
import type { SettingNames } from '../config/settings/setting-names.ts';
import type { AttemptRecord } from '../records/index.ts';
import { caseOutcomes } from '../stats/case-outcomes.ts';
import { evaluateGates, parseGate, quoted, type Gate, type GateBaseline, type GateResult, type GateSubject } from '../stats/gates/index.ts';
import { pairKey } from '../stats/pair-key.ts';
import type { TargetSummary } from '../stats/index.ts';
import { compareRuns } from './compare-runs.ts';

type GateSettings = Pick<EvalSettings, 'gates' | 'minPassRate' | 'maxDrop' | 'baselineRun'>;

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
  } else if (cwd !== undefined && !existsSync(path.join(path.resolve(cwd, settings.baselineRun), 'run.json'))) {
    const place = names.place('baselineRun');
    problems.push(`${place}${place.startsWith('--') ? ' ' : ': '}${settings.baselineRun}: not a run folder (no run.json)`);
  }
  return { gates, problems };
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
  const compare = dependencies.compare ?? ((base: string, current: string) => compareRuns(base, current, { alpha: settings.alpha, midP: settings.midP }));
  try {
    const { comparisons } = await compare(path.resolve(dependencies.cwd, settings.baselineRun), run.folder);
    return evaluateGates({ gates, subjects, baselines: comparisons }, options);
  } catch (error) {
    if (!isInputError(error)) throw error;
    const reason = `cannot compare with ${names.name('baselineRun')} ${settings.baselineRun}: ${error.message.split('\n').join('; ')}`;
    const absolute = evaluateGates({ gates: gates.filter((gate) => gate.form === 'absolute'), subjects }, options);
    const failed = relative.flatMap((gate) => subjects.map((subject): GateResult => ({ gate: gate.text, target: subject.target, prompt: subject.prompt, passed: false, line: reason })));
    return [...absolute, ...failed];
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
