import { checkEvalDefinition } from '../config/check-eval-definition.ts';
import { ConfigError, InputError } from '../config/errors.ts';
import type { EvalDefinition } from '../config/eval-definition.ts';
import path from 'node:path';
import { loadConfig } from '../config/load-config.ts';
import { runSettings, type RunSettingName } from '../config/settings/run-settings.ts';
import { fileNames, flagNames, keyNames, type SettingNames } from '../config/settings/setting-names.ts';
import { resolveDefinitionPaths } from '../config/resolve-definition-paths.ts';
import { mergeSettings, settingsOfDefinition, withDefaults, type EvalSettings, type GivenSettings } from '../config/settings/eval-settings.ts';
import { redactedMarker } from '../targets/index.ts';
import { assertRunFolder, recordedDefinition } from './run-folder.ts';
import { shownPath } from '../config/shown-path.ts';
import { gatesOfSettings } from './run-gates.ts';

export type ResolvedEval = {
  settings: EvalSettings;
  /** How messages name each setting: by its flag, or by its key and line in the eval file. */
  names: SettingNames;
  /** What the file and flags gave, before defaults (to tell a setting given from a default). */
  given: GivenSettings;
  /** The eval file read, if any. */
  file?: string;
};

/**
 * The eval to run: the eval file (`--config`, or llm-bench.yaml … in the working folder), with
 * each flag over the file's setting. A resume reads the run's recorded definition instead, with
 * each flag over it; no eval file is read then.
 */
export async function resolveEval(input: { flags: GivenSettings; config?: string | undefined; cwd: string; resume?: string | undefined }): Promise<ResolvedEval> {
  if (input.resume !== undefined) {
    const problems = [
      ...(input.config !== undefined ? ['--resume reads the eval from the run folder it completes; drop --config'] : []),
      ...(input.flags.out !== undefined ? ['--resume writes into the run folder it completes; drop --out'] : []),
    ];
    if (problems.length > 0) throw new InputError(problems.join('\n'));
    const recorded = await checkedRecord(input.resume);
    const redacted = redactedSecretsIn(recorded);
    if (redacted.length > 0) {
      throw new InputError(
        `--resume ${input.resume}: run.json holds the eval with its secrets redacted (${redacted.join(', ')}), so a resume cannot send them; ` +
          'give keys through the environment variables the providers read (OPENAI_API_KEY, …), or start a new run',
      );
    }
    // The recorded settings were the first run's choice (and told about then): only the flags
    // count as given now.
    // Settings declared `resume: 'fresh'` belong to the command that ran, not to the run.
    const kept = Object.fromEntries(Object.entries(settingsOfDefinition(recorded)).filter(([name]) => runSettings[name as RunSettingName]?.resume !== 'fresh'));
    return { settings: checked(mergeSettings(kept, input.flags), flagNames, input.cwd), given: input.flags, names: flagNames };
  }
  const loaded = await loadConfig({ cwd: input.cwd, ...(input.config !== undefined ? { config: input.config } : {}) });
  const fromFile = loaded ? settingsOfDefinition(loaded.definition) : {};
  const given = mergeSettings(fromFile, input.flags);
  if (given.datasets === undefined && given.targets === undefined && !loaded) {
    throw new InputError('Expected --dataset and --target, an eval file (llm-bench.yaml here, or --config FILE; `llm-bench init` writes one), or --resume <run folder>');
  }
  // A setting from the file is named in messages by its key and line; one from a flag, by the flag.
  const names = loaded ? fileNames(shownPath(loaded.file, input.cwd), loaded.lineOf, fromFileOnly(fromFile, input.flags), new Set(Object.keys(input.flags) as RunSettingName[])) : flagNames;
  return { settings: checked(given, names, input.cwd), given, names, ...(loaded ? { file: loaded.file } : {}) };
}

/**
 * An eval given as data (the API, or a TypeScript config's object), checked as a file is, its
 * relative paths taken from `cwd`.
 */
export function settingsOfGivenDefinition(definition: EvalDefinition, cwd: string): EvalSettings {
  const result = checkEvalDefinition(definition);
  if ('problems' in result) throw new ConfigError(result.problems.map((problem) => `${problem.field === '(file)' ? 'definition' : problem.field}: ${problem.message}`));
  return checked(settingsOfDefinition(resolveDefinitionPaths(result.definition, cwd)), keyNames, cwd);
}

/** Defaults filled in, and the rules that tie one setting to another (gates: their figures, and a baseline run for a drop). */
function checked(given: GivenSettings, names: SettingNames, cwd: string): EvalSettings {
  const settings = withDefaults(given);
  const problems: string[] = [];
  if (settings.maxCost !== undefined && settings.maxTokens === undefined && settings.targets.some((target) => target.maxTokens === undefined)) {
    // `--max-cost needs --max-tokens…`, or `llm-bench.yaml:12: budget.maxCost: needs run.maxTokens…`.
    const subject = names.place('maxCost');
    problems.push(
      `${subject}${subject.startsWith('--') ? '' : ':'} needs ${names.name('maxTokens')} (or maxTokens on every target): without it, the worst case of a request in flight has no bound`,
    );
  }
  problems.push(...gatesOfSettings(settings, names, cwd).problems);
  if (problems.length > 0) throw new InputError(problems.join('\n'));
  return settings;
}

/** The settings the file gives that no flag overrides. */
function fromFileOnly(fromFile: GivenSettings, flags: GivenSettings): Set<RunSettingName> {
  return new Set((Object.keys(fromFile) as RunSettingName[]).filter((name) => name in runSettings && (flags as Record<string, unknown>)[name] === undefined));
}

/** The eval a run folder recorded, checked as an eval file is: a damaged one is refused by what is wrong. */
async function checkedRecord(folder: string): Promise<EvalDefinition> {
  await assertRunFolder(folder);
  const recorded = await recordedDefinition(folder);
  const result = checkEvalDefinition(recorded);
  if ('problems' in result) {
    const [first] = result.problems;
    throw new InputError(`--resume ${folder}: ${path.join(folder, 'run.json')} is damaged (definition.${first?.field}: ${first?.message})`);
  }
  return result.definition;
}

/** Where a recorded eval holds a secret that was redacted: a resume would send the marker instead. */
function redactedSecretsIn(definition: EvalDefinition): string[] {
  const places: string[] = [];
  const visit = (value: unknown, at: string) => {
    if (typeof value === 'string' && value.includes(redactedMarker)) places.push(at);
    else if (Array.isArray(value)) value.forEach((item, index) => visit(item, `${at}[${index}]`));
    else if (value !== null && typeof value === 'object') for (const [key, inner] of Object.entries(value)) visit(inner, at ? `${at}.${key}` : key);
  };
  visit(definition.targets, 'targets');
  return places;
}
