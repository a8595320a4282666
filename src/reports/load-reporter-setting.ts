import { createBuiltinReporter } from './create-builtin-reporter.ts';
import { isModulePath, loadReporterModule } from './load-reporter-module.ts';
import type { NamedReporter } from './reporter.ts';
import type { ReporterProblem } from './reporter-problem.ts';

/** A `reporters:` entry that loaded, and where its file name was written (for a clash's message). */
export type LoadedSetting = { named: NamedReporter; fileNameAt: PropertyKey[] };

/**
 * One `reporters:` entry (the `index`th): a registry name or a module path (relative to
 * `baseDir`), alone or as a `[name, options]` pair. Gives the reporter, or every problem with the
 * entry, each at its path from the reporters list.
 */
export async function loadReporterSetting(setting: unknown, index: number, baseDir: string): Promise<LoadedSetting | { problems: ReporterProblem[] }> {
  const paired = typeof setting !== 'string';
  // The config schema checks this shape; an API caller's definition may not have been through it.
  if (paired && (!Array.isArray(setting) || setting.length === 0 || setting.length > 2)) {
    return { problems: [{ path: [index], message: `expected a name or a [name, options] pair, got ${JSON.stringify(setting)}` }] };
  }
  const [name, options] = (paired ? setting : [setting, undefined]) as [unknown, unknown];
  const namePath = paired ? [index, 0] : [index];
  if (typeof name !== 'string' || name === '') {
    return { problems: [{ path: namePath, message: `expected a reporter name or module path, got ${JSON.stringify(name)}` }] };
  }
  if (options !== undefined && (options === null || typeof options !== 'object' || Array.isArray(options))) {
    return { problems: [{ path: [index, 1], message: `expected an object of options, got ${JSON.stringify(options)}` }] };
  }
  const optionsObject = options as Record<string, unknown> | undefined;
  const fileNameAt = optionsObject !== undefined && Object.hasOwn(optionsObject, 'fileName') ? [index, 1, 'fileName'] : namePath;
  if (isModulePath(name)) {
    const loaded = await loadReporterModule(name, optionsObject, baseDir);
    if ('reporter' in loaded) return { named: { name, reporter: loaded.reporter }, fileNameAt };
    const { in: where, ...problem } = loaded;
    return { problems: [{ ...problem, path: where === 'name' ? namePath : [index, 1] }] };
  }
  const built = createBuiltinReporter(name, optionsObject);
  if ('named' in built) return { named: built.named, fileNameAt };
  return { problems: built.problems.map((problem) => ({ path: problem.in === 'name' ? namePath : [index, 1, ...problem.path], message: problem.message })) };
}
