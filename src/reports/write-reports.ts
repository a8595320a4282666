import { join } from 'node:path';
import { InputError } from '../config/errors.ts';
import { makeDirectory } from '../records/make-directory.ts';
import { reportFileNameProblem } from './report-file-name.ts';
import type { ReportInput } from './report-input.ts';
import type { NamedReporter, ReportFile } from './reporter.ts';
import { builtinReporters } from './reporters.ts';
import { resultsCsvChunks, resultsCsvChunksOf } from './results-csv.ts';
import type { AttemptRecord } from '../records/attempt-record.ts';
import { writeChunksAtomic } from './write-chunks-atomic.ts';
import { writeFileAtomic } from './write-file-atomic.ts';

/** A file to write: its whole text, or its text in pieces, made as they are written. */
type PendingFile = { path: string; content: string } | { path: string; chunks: () => Iterable<string> | AsyncIterable<string> };

/**
 * Renders every reporter's files (the built-ins by default) and writes them into `folder`,
 * returning their paths in order. Everything is rendered and checked before anything is written,
 * so a reporter that throws, or two that claim one file, leave the folder as it was. The built-in
 * results.csv, one row per attempt, is the exception that proves it: its rows are made from the
 * records as they are written, never held as one string.
 */
export async function writeReports(
  folder: string,
  input: ReportInput,
  reporters: readonly NamedReporter[] = builtinReporters(),
  /** A run too large to hold (its `records` a sample): results.csv's rows, every record, read as it is written. */
  options: { resultsRows?: () => AsyncIterable<AttemptRecord> } = {},
): Promise<string[]> {
  const owners = new Map<string, string>();
  const files: PendingFile[] = [];
  for (const named of reporters) {
    for (const file of filesOf(named, input, options.resultsRows)) {
      const problem = reportFileNameProblem(file.fileName);
      if (problem) throw new InputError(`reporter ${named.name}: fileName: ${problem}`);
      // Case-insensitive: on macOS and Windows, Report.html and report.html are one file.
      const key = file.fileName.toLowerCase();
      const owner = owners.get(key);
      if (owner !== undefined) throw new InputError(`reporters ${owner} and ${named.name} both write ${file.fileName}; give one another fileName`);
      owners.set(key, named.name);
      const path = join(folder, file.fileName);
      files.push('chunks' in file ? { path, chunks: file.chunks } : { path, content: file.content });
    }
  }
  await makeDirectory(folder);
  await Promise.all(files.map((file) => ('chunks' in file ? writeChunksAtomic(file.path, file.chunks()) : writeFileAtomic(file.path, file.content))));
  return files.map((file) => file.path);
}

/**
 * A reporter's files. The built-in results-csv (configured by its registry name, which no
 * module path can take) is not rendered here: its rows come as the file is written.
 */
function filesOf(named: NamedReporter, input: ReportInput, rows: (() => AsyncIterable<AttemptRecord>) | undefined): Array<ReportFile | { fileName: string; chunks: () => Iterable<string> | AsyncIterable<string> }> {
  if (named.name === 'results-csv' && named.fileNames?.length === 1) {
    return [{ fileName: named.fileNames[0]!, chunks: () => (rows ? resultsCsvChunksOf(rows()) : resultsCsvChunks(input.records)) }];
  }
  return named.reporter.render?.(input) ?? [];
}
