import type { LoadedSetting } from './load-reporter-setting.ts';
import type { ReporterProblem } from './reporter-problem.ts';

/**
 * Entries that would write a file an earlier entry writes, known before the run from the files
 * each built-in will write (a module's files are checked when it renders). Compared without case:
 * on macOS and Windows, Report.html and report.html are one file.
 */
export function sharedReportFiles(loaded: readonly LoadedSetting[]): ReporterProblem[] {
  const owners = new Map<string, string>();
  const problems: ReporterProblem[] = [];
  for (const { named, fileNameAt } of loaded) {
    for (const fileName of named.fileNames ?? []) {
      const owner = owners.get(fileName.toLowerCase());
      if (owner === undefined) {
        owners.set(fileName.toLowerCase(), named.name);
        continue;
      }
      const remedy = owner === named.name ? 'name it once, or give one another fileName' : 'give one of them another fileName';
      problems.push({ path: fileNameAt, message: `${fileName} is also written by ${owner}, an earlier reporter; ${remedy}` });
    }
  }
  return problems;
}
