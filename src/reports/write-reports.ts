import { makeDirectory } from '../records/make-directory.ts';
import { join } from 'node:path';
import type { ReportInput, ReporterName } from './reporter.ts';
import { reporterNames, reporters } from './reporters.ts';
import { writeFileAtomic } from './write-file-atomic.ts';

/**
 * Renders the named reports (all by default) and writes them into `folder`, returning their
 * paths in the same order. Everything is rendered before anything is written, so a reporter
 * that throws leaves the folder as it was.
 */
export async function writeReports(
  folder: string,
  input: ReportInput,
  names: readonly ReporterName[] = reporterNames,
): Promise<string[]> {
  const files = names.map((name) => ({
    path: join(folder, reporters[name].fileName),
    content: reporters[name].render(input),
  }));
  await makeDirectory(folder);
  await Promise.all(files.map((file) => writeFileAtomic(file.path, file.content)));
  return files.map((file) => file.path);
}
