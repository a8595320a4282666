import type { EvalSettings, GivenSettings } from '../config/settings/eval-settings.ts';
import { flagNames, type SettingNames } from '../config/settings/setting-names.ts';
import type { Case } from '../datasets/index.ts';
import { needsDefaultJudge } from './create-judge.ts';
import { gatesOfSettings } from './run-gates.ts';

/**
 * Settings given where they do nothing, each named in one line before anything is sent: a setting
 * that is silently ignored reads as one that took effect. These depend on the settings alone.
 */
export function ignoredFlags(
  given: GivenSettings,
  settings: EvalSettings,
  command: { resume?: string | undefined; force?: boolean | undefined } = {},
  names: SettingNames = flagNames,
): string[] {
  const { name, place } = names;
  const notes: string[] = [];
  if (command.force === true && command.resume === undefined) notes.push('--force is ignored: it only applies with --resume.');
  if (given.cacheDir !== undefined && given.cache === false) {
    const off = name('cache').startsWith('--') ? '--no-cache' : `${name('cache')} false`;
    notes.push(`${place('cacheDir')} ${given.cacheDir} is ignored: ${off} turns the cache off.`);
  }
  if (settings.targetConcurrency !== undefined && settings.targetConcurrency >= settings.concurrency) {
    notes.push(`${place('targetConcurrency')} ${settings.targetConcurrency} has no effect: ${name('concurrency')} ${settings.concurrency} already allows no more.`);
  }
  if ((given.stallTimeoutMs !== undefined || given.timeoutMs !== undefined) && settings.stallTimeoutMs >= settings.timeoutMs) {
    notes.push(`${place('stallTimeoutMs')} ${settings.stallTimeoutMs} has no effect: ${name('timeoutMs')} ${settings.timeoutMs} ends a request first.`);
  }
  notes.push(...idleGateSettings(given, settings, names));
  return notes;
}

/** Gate settings with no gate to act on: a baseline run no drop or ratio gate reads, a test level with no test. */
function idleGateSettings(given: GivenSettings, settings: EvalSettings, names: SettingNames): string[] {
  const { name, place } = names;
  const notes: string[] = [];
  // Problems are refused elsewhere (resolve): here only the gates that parse count.
  const { gates } = gatesOfSettings(settings, names);
  const gateSettings = `${name('gates')}, ${name('minPassRate')} or ${name('maxDrop')}`;
  if (gates.length === 0) {
    if (given.alpha !== undefined) notes.push(`${place('alpha')} ${settings.alpha} has no effect: no gate is set (${gateSettings}).`);
    if (given.midP === true) notes.push(`${place('midP')} has no effect: no gate is set (${gateSettings}).`);
    if (given.powerMargin !== undefined) notes.push(`${place('powerMargin')} ${settings.powerMargin} has no effect: no gate is set (${gateSettings}).`);
  } else if (given.midP === true && settings.repeats > 1) {
    notes.push(`${place('midP')} has no effect with ${name('repeats')} ${settings.repeats}: rates over repeats are tested on the cases' shares, not by binomial tests.`);
  }
  if (settings.baselineRun !== undefined && !gates.some((gate) => gate.form !== 'absolute')) {
    notes.push(`${place('baselineRun')} ${settings.baselineRun} is not used: no drop or ratio gate compares with it (${name('maxDrop')}, or ${name('gates')} 'FIGURE drop|ratio OP N').`);
  }
  return notes;
}

/** The same, for settings that only the run's dataset, targets and repeats can show to be idle. */
export function ignoredInRun(
  settings: EvalSettings,
  run: { repeats: number; targetCount: number; promptCount: number; cases: readonly Case[] },
  { name, place }: SettingNames = flagNames,
): string[] {
  const notes: string[] = [];
  if (settings.cache && run.repeats > 1) {
    notes.push(`${place('cache')} is ignored with ${name('repeats')} ${run.repeats}: every repeat is sent, since repeats are there to be measured.`);
  }
  if (settings.judge !== undefined && !needsDefaultJudge(run.cases)) notes.push(`${place('judge')} ${settings.judge} is not used: no llm-judge assertion of the dataset lacks a judge of its own.`);
  if (settings.baseline !== undefined && run.targetCount === 1 && run.promptCount === 1) {
    notes.push(`${place('baseline')} ${settings.baseline} has nothing to compare: the run has one target and one prompt.`);
  }
  return notes;
}
