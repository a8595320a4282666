import { closest, distance } from 'fastest-levenshtein';
import { access } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { formatIssues, formatPath } from '../config/format-issues.ts';
import type { NamedReporter, Reporter, ReporterSetting } from './reporter.ts';
import { ReporterSettingError } from './reporter-setting-error.ts';
import { builtinReporters, isReporterName, reporterNames, reporters, type ReporterEntry } from './reporters.ts';

/**
 * The reporters a run uses, from its definition's `reporters:` setting, in order. Each is a
 * registry name or a module path (relative to `baseDir`, the definition's folder), alone or as a
 * `[name, options]` pair. No setting: every built-in. A module's default export is a factory
 * `(options) => Reporter` (or a promise of one), or a Reporter itself.
 */
export async function loadReporters(settings: readonly ReporterSetting[] | undefined, baseDir: string): Promise<NamedReporter[]> {
  if (settings === undefined) return builtinReporters();
  const loaded: NamedReporter[] = [];
  for (const [index, setting] of settings.entries()) {
    const paired = typeof setting !== 'string';
    // The config schema checks this shape; an API caller's definition may not have been through it.
    if (paired && (!Array.isArray(setting) || setting.length > 2)) {
      throw new ReporterSettingError(`reporters: expected a name or a [name, options] pair, got ${JSON.stringify(setting)}`, [index]);
    }
    const [name, options] = paired ? setting : [setting, undefined];
    const at = (...path: PropertyKey[]) => (paired ? [index, ...path] : [index]);
    if (typeof name !== 'string' || name === '') {
      throw new ReporterSettingError(`reporters: expected a reporter name or module path, got ${JSON.stringify(name)}`, at(0));
    }
    const reporter = isModulePath(name) ? await loadModule(name, options, baseDir, at) : fromRegistry(name, options, at);
    loaded.push({ name, reporter });
  }
  return loaded;
}

/** Where in a `reporters:` entry a problem is: its name (0) or its options (1, …). */
type SettingPath = (...path: PropertyKey[]) => PropertyKey[];

/** As vitest tells them apart: a path starts with `.` or `/`, or ends in a script's extension. */
export function isModulePath(name: string): boolean {
  return name.startsWith('.') || isAbsolute(name) || /\.(?:ts|mts|js|mjs|cjs)$/.test(name);
}

function fromRegistry(name: string, options: Record<string, unknown> | undefined, at: SettingPath): Reporter {
  if (!isReporterName(name)) {
    const suggestion = closest(name, reporterNames);
    const hint = suggestion && distanceIsClose(name, suggestion) ? `; did you mean ${suggestion}?` : '';
    throw new ReporterSettingError(`reporter ${name}: no such reporter${hint} (reporters: ${reporterNames.join(', ')}; or a module path such as ./my-reporter.ts)`, at(0));
  }
  return create(name, reporters[name], options ?? {}, at);
}

function create<Options>(name: string, entry: ReporterEntry<Options>, options: unknown, at: SettingPath): Reporter {
  const parsed = entry.options.safeParse(options);
  if (!parsed.success) {
    const problems = formatIssues(parsed.error.issues, options);
    const message = problems.map((problem) => `${problem.path.length === 0 ? 'options' : formatPath(problem.path)}: ${problem.message}`).join('; ');
    throw new ReporterSettingError(`reporter ${name}: ${message}`, at(1, ...(problems[0]?.path ?? [])));
  }
  return entry.create(parsed.data);
}

async function loadModule(name: string, options: Record<string, unknown> | undefined, baseDir: string, at: SettingPath): Promise<Reporter> {
  const cannotLoad = (message: string, cause?: unknown) =>
    new ReporterSettingError(`reporter ${name}: cannot load it: ${message}`, at(0), cause === undefined ? undefined : { cause });
  const path = resolve(baseDir, name);
  // Said plainly: Node's own message names this file as the importer, which misleads.
  await access(path).catch((error: unknown) => {
    throw cannotLoad(`no such file ${path}`, error);
  });
  let exported: unknown;
  try {
    exported = ((await import(pathToFileURL(path).href)) as { default?: unknown }).default;
  } catch (error) {
    throw cannotLoad(error instanceof Error ? error.message : String(error), error);
  }
  if (typeof exported === 'function') {
    let made: unknown;
    try {
      made = await (exported as (options: Record<string, unknown>) => unknown)(options ?? {});
    } catch (error) {
      throw cannotLoad(`its factory threw: ${error instanceof Error ? error.message : String(error)}`, error);
    }
    if (!isReporter(made)) throw cannotLoad('its factory returned no reporter (an object with onEvent or render)');
    return made;
  }
  if (!isReporter(exported)) throw cannotLoad('its default export is neither a reporter (an object with onEvent or render) nor a function returning one');
  if (options !== undefined && Object.keys(options).length > 0) {
    throw new ReporterSettingError(`reporter ${name}: options: its default export is a reporter, which takes none; export a function (options) => reporter`, at(1));
  }
  return exported;
}

function isReporter(value: unknown): value is Reporter {
  if (value === null || typeof value !== 'object') return false;
  const { onEvent, render } = value as Record<string, unknown>;
  const hook = (member: unknown) => member === undefined || typeof member === 'function';
  return hook(onEvent) && hook(render) && (onEvent !== undefined || render !== undefined);
}

/** A suggestion is worth making when it differs in at most a third of the name. */
function distanceIsClose(name: string, suggestion: string): boolean {
  return distance(name, suggestion) <= Math.max(2, Math.floor(suggestion.length / 3));
}
