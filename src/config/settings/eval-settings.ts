import { limits } from '../limits.ts';
import type { EvalDefinition, ReporterEntry, TargetEntry, TargetObject } from '../eval-definition.ts';
import { runSettings, type RunSettingName } from './run-settings.ts';
import type { SettingDeclaration } from './setting.ts';

type Declared = typeof runSettings;
type ValueOf<Name extends RunSettingName> = Declared[Name] extends { kind: 'number' }
  ? number
  : Declared[Name] extends { kind: 'boolean' }
    ? boolean
    : Declared[Name] extends { kind: 'texts' }
      ? string[]
      : string;
type WithDefault = { [Name in RunSettingName]: Declared[Name] extends { default: unknown } ? Name : never }[RunSettingName];

export type TargetSetting = TargetObject;

/**
 * Every setting of an eval by its name, flat, whichever file section it sits in: what flags,
 * files and the API all resolve to. Derived from the declarations: a setting added there appears
 * here with its type, required when it has a default.
 */
type Rich = 'datasets' | 'targets' | 'prompts' | 'reporters';
export type EvalSettings = { [Name in Exclude<WithDefault, Rich>]: ValueOf<Name> } & { [Name in Exclude<RunSettingName, WithDefault | Rich>]?: ValueOf<Name> } & {
  datasets: string[];
  targets: TargetSetting[];
  prompts: string[];
  reporters?: ReporterEntry[];
  description?: string;
};

/** Settings as given, before defaults: from flags, a file, or a resumed run's run.json. */
export type GivenSettings = Partial<Omit<EvalSettings, 'targets' | 'datasets'>> & { targets?: Array<TargetEntry>; datasets?: string[] };

const names = Object.keys(runSettings) as RunSettingName[];

/** The flat settings an eval file (or defineConfig object) gives, by the declared paths. */
export function settingsOfDefinition(definition: EvalDefinition): GivenSettings {
  const given: Record<string, unknown> = {};
  for (const name of names) {
    const [first, second] = runSettings[name].path;
    const holder = definition as Record<string, unknown>;
    const value = second === undefined ? holder[first] : (holder[first] as Record<string, unknown> | undefined)?.[second];
    if (value !== undefined) given[name] = name === 'datasets' && typeof value === 'string' ? [value] : value;
  }
  if (definition.description !== undefined) given.description = definition.description;
  return given as GivenSettings;
}

/** The eval file that says the same as these settings: run.json keeps it, and `--resume` reads it back. */
export function definitionOfSettings(settings: GivenSettings): EvalDefinition {
  const definition: Record<string, unknown> = {};
  if (settings.description !== undefined) definition.description = settings.description;
  for (const name of names) {
    const value = (settings as Record<string, unknown>)[name];
    if (value === undefined) continue;
    // A run of --synthetic cases alone has no dataset file: an eval file leaves the key out then.
    if (name === 'datasets' && Array.isArray(value) && value.length === 0) continue;
    const [first, second] = runSettings[name].path;
    const shown = name === 'targets' ? (value as TargetEntry[]).map((entry) => (typeof entry === 'object' && Object.keys(entry).length === 1 ? entry.target : entry)) : value;
    if (second === undefined) definition[first] = shown;
    else definition[first] = { ...(definition[first] as object | undefined), [second]: shown };
  }
  return definition as EvalDefinition;
}

/** Later sources win, setting by setting: a flag overrides the file, the file a resumed run's record. */
export function mergeSettings(...sources: GivenSettings[]): GivenSettings {
  const merged: Record<string, unknown> = {};
  for (const source of sources) {
    for (const [name, value] of Object.entries(source)) if (value !== undefined) merged[name] = value;
  }
  return merged as GivenSettings;
}

/** Fills in the declared defaults; targets become objects. */
export function withDefaults(given: GivenSettings): EvalSettings {
  const settings: Record<string, unknown> = {};
  for (const name of names) {
    const declaration: SettingDeclaration = runSettings[name];
    const value = (given as Record<string, unknown>)[name] ?? declaration.default;
    if (value !== undefined) settings[name] = Array.isArray(value) ? [...value] : value;
  }
  // Open loop: the arrivals, not a cap, decide when requests start. A cap the user did not ask
  // for would hold them back and hide the server's queue in the harness's (vLLM's default is no cap too).
  if (given.concurrency === undefined && isOpenLoop(given)) settings.concurrency = limits.concurrency.maximum;
  // Naming a cache folder asks for a cache, unless the cache is turned off outright.
  if (given.cache === undefined && given.cacheDir !== undefined) settings.cache = true;
  settings.targets = (given.targets ?? []).map((entry) => (typeof entry === 'string' ? { target: entry } : entry));
  settings.datasets ??= [];
  settings.prompts ??= [];
  if (given.description !== undefined) settings.description = given.description;
  return settings as EvalSettings;
}

/** How a setting is named in messages: its flag when it has one, else its place in the file. */
export function settingName(name: RunSettingName): string {
  const declaration: SettingDeclaration = runSettings[name];
  return declaration.flag ? `--${declaration.flag}` : declaration.path.join('.');
}

/** Arrivals at a rate: --rate, or a sweep of rates (a max-rate search included). */
export function isOpenLoop(settings: Pick<GivenSettings, 'rate' | 'sweep'>): boolean {
  return settings.rate !== undefined || (settings.sweep !== undefined && !/^\s*concurrency\s*=/i.test(settings.sweep));
}
