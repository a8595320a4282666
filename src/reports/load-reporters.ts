import type { NamedReporter, ReporterSetting } from './reporter.ts';
import type { ReporterProblem } from './reporter-problem.ts';
import { ReporterSettingError } from './reporter-setting-error.ts';
import { builtinReporters } from './reporters.ts';
import { loadReporterSetting, type LoadedSetting } from './load-reporter-setting.ts';
import { sharedReportFiles } from './shared-report-files.ts';

export { isModulePath } from './load-reporter-module.ts';

/**
 * Tries every `reporters:` entry, in order (registry names, and module paths relative to
 * `baseDir`, the definition's folder), and gives the reporters that loaded and every problem:
 * a bad name or option, a module that does not load, two entries writing one file. No setting:
 * every built-in.
 */
export async function collectReporters(
  settings: readonly ReporterSetting[] | undefined,
  baseDir: string,
): Promise<{ reporters: NamedReporter[]; problems: ReporterProblem[] }> {
  if (settings === undefined) return { reporters: builtinReporters(), problems: [] };
  const loaded: LoadedSetting[] = [];
  const problems: ReporterProblem[] = [];
  for (const [index, setting] of settings.entries()) {
    const outcome = await loadReporterSetting(setting, index, baseDir);
    if ('named' in outcome) loaded.push(outcome);
    else problems.push(...outcome.problems);
  }
  problems.push(...sharedReportFiles(loaded));
  // In the order of the entries, as their lines run in the file.
  problems.sort((a, b) => Number(a.path[0]) - Number(b.path[0]));
  return { reporters: loaded.map((entry) => entry.named), problems };
}

/**
 * The reporters a run uses, from its definition's `reporters:` setting, in order. Each is a
 * registry name or a module path, alone or as a `[name, options]` pair. A module's default export
 * is a factory `(options) => Reporter` (or a promise of one), or a Reporter itself. Any problem:
 * a ReporterSettingError listing every one.
 */
export async function loadReporters(settings: readonly ReporterSetting[] | undefined, baseDir: string): Promise<NamedReporter[]> {
  const { reporters, problems } = await collectReporters(settings, baseDir);
  if (problems.length > 0) throw new ReporterSettingError(problems);
  return reporters;
}
