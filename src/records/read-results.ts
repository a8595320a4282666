import { open, readFile, stat } from 'node:fs/promises';
import { InputError } from '../config/errors.ts';
import { formatIssues } from '../config/format-issues.ts';
import { attemptRecordSchema, type AttemptRecord } from './attempt-record.ts';

/**
 * Reads a run's `results.jsonl`. A last line without its newline, or that does not parse, was
 * torn by a kill mid-write: it is dropped and, when resuming (`cutTornLine`), cut from the file,
 * so the next append starts on a clean line. A bad line anywhere else is damage we must not paper
 * over.
 *
 * Every line is checked against the record's schema: each field this version knows must have its
 * type. Fields it does not know (a later llm-bench may add some) are kept as written.
 */
export async function readResults(
  path: string,
  { cutTornLine = true }: { cutTornLine?: boolean } = {},
): Promise<{ records: AttemptRecord[]; droppedTornLine: boolean }> {
  let text: string;
  try {
    // A FIFO would block the read for good (and a device never end): refused by stat, unopened.
    if ((await stat(path).catch(() => undefined))?.isFile() === false) throw new InputError(`${path}: not a regular file; the results file is damaged`);
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { records: [], droppedTornLine: false };
    throw error;
  }
  // Each record is one write of `json + "\n"`: only the text after the last newline can be torn.
  const lastNewline = text.lastIndexOf('\n');
  const complete = text.slice(0, lastNewline + 1);
  const droppedTornLine = lastNewline + 1 < text.length;
  const records: AttemptRecord[] = [];
  for (const [index, line] of complete.split('\n').entries()) {
    if (line.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new InputError(`${path}:${index + 1}: not a complete JSON record; the results file is damaged`);
    }
    const checked = attemptRecordSchema.safeParse(value);
    if (!checked.success) {
      const [problem] = formatIssues(checked.error.issues, value);
      const why = problem === undefined ? checked.error.message : problem.path.length === 0 ? problem.message : `${problem.field}: ${problem.message}`;
      throw new InputError(`${path}:${index + 1}: not an llm-bench result record (${why}); the results file is damaged`);
    }
    // The parsed copy lacks the fields this version does not know: the line as written is kept.
    records.push(value as AttemptRecord);
  }
  const validLength = Buffer.byteLength(complete, 'utf8');
  if (droppedTornLine && cutTornLine) {
    const handle = await open(path, 'r+');
    try {
      await handle.truncate(validLength);
    } finally {
      await handle.close();
    }
  }
  return { records, droppedTornLine };
}
