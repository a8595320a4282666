import { collectReporters, type ReporterSetting } from '../reports/index.ts';

/**
 * Every problem with a definition's `reporters:` entries, checked before anything is sent: a bad
 * name or option, a module that does not load, two entries writing one file. Each is prefixed by
 * `place(path)`, the path starting at 'reporters' (`['reporters', 0, 1, 'filename']`), which the
 * caller turns into where the user wrote it: `llm-bench.yaml:3: reporters[0][1].filename`, or
 * `--reporter summary-jsn`. Empty when all is well.
 */
export async function reporterProblems(
  entries: readonly ReporterSetting[] | undefined,
  baseDir: string,
  place: (path: PropertyKey[]) => string,
): Promise<string[]> {
  const { problems } = await collectReporters(entries, baseDir);
  return problems.map((problem) => `${place(['reporters', ...problem.path])}: ${problem.message}`);
}
