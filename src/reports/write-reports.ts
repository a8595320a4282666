import { join } from 'node:path';
import { InputError } from '../config/errors.ts';
import { makeDirectory } from '../records/make-directory.ts';
import { reportFileNameProblem } from './report-file-name.ts';
import type { ReportInput } from './report-input.ts';
import type { NamedReporter } from './reporter.ts';
import { builtinReporters } from './reporters.ts';
import { writeFileAtomic } from './write-file-atomic.ts';

/**
 * Renders every reporter's files (the built-ins by default) and writes them into `folder`,
 * returning their paths in order. Everything is rendered and checked before anything is written,
 * so a reporter that throws, or two that claim one file, leave the folder as it was.
 */
export async function writeReports(
  folder: string,
  input: ReportInput,
  reporters: readonly NamedReporter[] = builtinReporters(),
): Promise<string[]> {
  const owners = new Map<string, string>();
  const files: Array<{ path: string; content: string }> = [];
  for (const { name, reporter } of reporters) {
    for (const file of reporter.render?.(input) ?? []) {
      const problem = reportFileNameProblem(file.fileName);
      if (problem) throw new InputError(`reporter ${name}: fileName: ${problem}`);
      // Case-insensitive: on macOS and Windows, Report.html and report.html are one file.
      const key = file.fileName.toLowerCase();
      const owner = owners.get(key);
      if (owner !== undefined) throw new InputError(`reporters ${owner} and ${name} both write ${file.fileName}; give one another fileName`);
      owners.set(key, name);
      files.push({ path: join(folder, file.fileName), content: file.content });
    }
  }
  await makeDirectory(folder);
  await Promise.all(files.map((file) => writeFileAtomic(file.path, file.content)));
  return files.map((file) => file.path);
}
