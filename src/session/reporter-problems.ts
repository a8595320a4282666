import { InputError } from '../config/errors.ts';
import type { SettingNames } from '../config/settings/setting-names.ts';
import { collectReporters, type NamedReporter, type ReporterSetting } from '../reports/index.ts';

type Place = (path: PropertyKey[]) => string;

/**
 * Every problem with a definition's `reporters:` entries: a bad name or option, a module that does
 * not load, two entries writing one file. Each is prefixed by `place(path)`, the path starting at
 * 'reporters' (`['reporters', 0, 1, 'filename']`), which the caller turns into where the user
 * wrote it: `llm-bench.yaml:3: reporters[0][1].filename`, or `--reporter summary-jsn`. Empty when
 * all is well.
 */
export async function reporterProblems(entries: readonly ReporterSetting[] | undefined, baseDir: string, place: Place): Promise<string[]> {
  const { problems } = await collectReporters(entries, baseDir);
  return problems.map((problem) => `${place(['reporters', ...problem.path])}: ${problem.message}`);
}

/**
 * The run's reporters, loaded once, before anything is sent; every problem with them refused at
 * once, each named where it was given (`names`): the eval file's line, the API's key, the flag.
 */
export async function loadRunReporters(entries: readonly ReporterSetting[] | undefined, baseDir: string, names: SettingNames): Promise<NamedReporter[]> {
  const { reporters, problems } = await collectReporters(entries, baseDir);
  if (problems.length === 0) return reporters;
  const place: Place = ([, ...within]) => names.at('reporters', within) ?? `--reporter ${String(entries?.[within[0] as number])}`;
  const cause = problems.find((problem) => problem.cause !== undefined)?.cause;
  throw new InputError(problems.map((problem) => `${place(['reporters', ...problem.path])}: ${problem.message}`).join('\n'), cause === undefined ? undefined : { cause });
}
