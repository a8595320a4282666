import type { Argv, Options } from 'yargs';
import { InputError } from '../errors.ts';
import { emptyFlagProblem, flagProblem, numberFlagOption } from '../limits.ts';
import type { GivenSettings } from './eval-settings.ts';
import { runSettings, type RunSettingName } from './run-settings.ts';
import type { SettingDeclaration } from './setting.ts';

/** yargs' key for a flag: `timeout-ms` → `timeoutMs`. */
const camel = (flag: string) => flag.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());

/**
 * The yargs option of each named setting, from its declaration. No yargs defaults: a flag left
 * out must be told from one given, so that the file or a resumed run can fill it in.
 */
export function settingFlagOptions(names: readonly RunSettingName[], defaults: Partial<Record<RunSettingName, unknown>> = {}): Record<string, Options> {
  const options: Record<string, Options> = {};
  for (const name of names) {
    const declaration: SettingDeclaration = runSettings[name];
    if (!declaration.flag) continue;
    const fallback = defaults[name] ?? declaration.default;
    const shown = declaration.defaultDescription ?? (fallback === undefined ? undefined : Array.isArray(fallback) ? fallback.join(', ') : String(fallback));
    const base: Options = {
      describe: declaration.describe,
      ...(declaration.alias ? { alias: declaration.alias } : {}),
      ...(shown !== undefined ? { defaultDescription: shown } : {}),
    };
    if (declaration.kind === 'number') options[declaration.flag] = { ...base, ...numberFlagOption };
    else if (declaration.kind === 'boolean') options[declaration.flag] = { ...base, type: 'boolean' };
    else if (declaration.kind === 'texts') options[declaration.flag] = { ...base, type: 'string', array: true };
    else options[declaration.flag] = { ...base, type: 'string', requiresArg: true };
  }
  return options;
}

export function withSettingFlags<T>(yargs: Argv<T>, names: readonly RunSettingName[], defaults?: Partial<Record<RunSettingName, unknown>>): Argv<T> {
  return yargs.options(settingFlagOptions(names, defaults)) as Argv<T>;
}

/**
 * The settings the flags give, each checked as its declaration says; every bad flag is reported
 * at once, in p-queue's "Expected …, got …" style, as one InputError.
 */
export function settingsOfFlags(argv: Record<string, unknown>, names: readonly RunSettingName[]): GivenSettings {
  const given: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const name of names) {
    const declaration: SettingDeclaration = runSettings[name];
    if (!declaration.flag) continue;
    const value = argv[camel(declaration.flag)];
    if (value === undefined) continue;
    // yargs turns a flag given twice into a list; only the list settings may be given several times.
    if (declaration.kind !== 'texts' && Array.isArray(value)) {
      problems.push(`Expected --${declaration.flag} once, got it ${value.length} times`);
      continue;
    }
    // A list flag given with nothing after it (`--gate $GATE` with GATE unset) would otherwise read
    // as "none": for --gate, a gate that cannot fail.
    if (declaration.kind === 'texts' && Array.isArray(value) && value.length === 0) {
      problems.push(`Expected --${declaration.flag} to be followed by a value, got nothing (an unset variable?)`);
      continue;
    }
    const problem = declaration.kind === 'number' ? flagProblem(declaration.flag, declaration.bound, value) : emptyFlagProblem(declaration.flag, value);
    if (problem) problems.push(problem);
    else given[name] = declaration.kind === 'texts' ? (value as unknown[]).map(String) : value;
  }
  if (problems.length > 0) throw new InputError(problems.join('\n'));
  // An empty list (no --target at all) says nothing: the file or the resumed run decides.
  for (const name of ['datasets', 'targets', 'prompts', 'reporters'] as const) {
    if (Array.isArray(given[name]) && (given[name] as unknown[]).length === 0) delete given[name];
  }
  return given as GivenSettings;
}
