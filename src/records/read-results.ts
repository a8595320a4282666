import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { InputError } from '../config/errors.ts';
import { formatIssues } from '../config/format-issues.ts';
import { attemptRecordSchema, type AttemptRecord } from './attempt-record.ts';

/** What one pass over results.jsonl found, besides its records. */
export type ResultsScan = {
  /** Records read (and handed to the callback). */
  records: number;
  /** The last line had no newline: torn by a kill mid-write, and left out. */
  droppedTornLine: boolean;
  /** Bytes of the complete lines: where a torn last line starts. */
  validLength: number;
};

const newline = 0x0a;

/**
 * One pass over a run's `results.jsonl`, a record at a time, in file order: the file is never
 * held whole, so a run of a million attempts is read in bounded memory. Each record is checked as
 * `readResults` says; the text after the last newline (a torn line) is skipped, never parsed.
 */
export async function scanResults(path: string, onRecord: (record: AttemptRecord) => void): Promise<ResultsScan> {
  const records = resultsOf(path);
  try {
    for (let next = await records.next(); ; next = await records.next()) {
      if (next.done) return next.value;
      onRecord(next.value);
    }
  } finally {
    // A callback that threw leaves the generator mid-file: this closes the file.
    await records.return({ records: 0, droppedTornLine: false, validLength: 0 });
  }
}

/**
 * scanResults as an async generator: a record at a time as the reader takes them, so a slow
 * reader holds the file's reading (at most a chunk of about 1 MB read ahead); returns the scan.
 */
export async function* resultsOf(path: string): AsyncGenerator<AttemptRecord, ResultsScan> {
  if ((await regularFileStats(path)) === undefined) return { records: 0, droppedTornLine: false, validLength: 0 };
  let carry: Buffer | undefined;
  let lineNumber = 0;
  let records = 0;
  let validLength = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    const buffer = carry ? Buffer.concat([carry, chunk]) : chunk;
    let start = 0;
    for (let end = buffer.indexOf(newline, start); end >= 0; end = buffer.indexOf(newline, start)) {
      lineNumber += 1;
      const line = buffer.toString('utf8', start, end);
      validLength += end + 1 - start;
      start = end + 1;
      if (line.trim() === '') continue;
      yield checkedRecord(line, path, lineNumber);
      records += 1;
    }
    carry = start < buffer.length ? buffer.subarray(start) : undefined;
  }
  return { records, droppedTornLine: carry !== undefined, validLength };
}

/**
 * Whether results.jsonl ends in a torn line (text after its last newline), as a scan would say,
 * from its last byte alone: no record is read. A missing file is not torn; a FIFO or device is
 * refused unopened, as a scan refuses it.
 */
export async function endsTorn(path: string): Promise<boolean> {
  const stats = await regularFileStats(path);
  if (stats === undefined || stats.size === 0) return false;
  const file = await open(path, 'r');
  try {
    const last = Buffer.alloc(1);
    await file.read(last, 0, 1, stats.size - 1);
    return last[0] !== newline;
  } finally {
    await file.close();
  }
}

/** The file's stats; undefined when it is missing; an InputError when it is not a regular file. */
async function regularFileStats(path: string) {
  // A FIFO would block the read for good (and a device never end): refused by stat, unopened.
  const stats = await stat(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (stats !== undefined && !stats.isFile()) throw new InputError(`${path}: not a regular file; the results file is damaged`);
  return stats;
}

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
  const records: AttemptRecord[] = [];
  const { droppedTornLine, validLength } = await scanResults(path, (record) => records.push(record));
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

/** One complete line, parsed and checked; `lineNumber` counts from 1, blank lines included. */
function checkedRecord(line: string, path: string, lineNumber: number): AttemptRecord {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new InputError(`${path}:${lineNumber}: not a complete JSON record; the results file is damaged`);
  }
  const checked = attemptRecordSchema.safeParse(value);
  if (!checked.success) {
    const [problem] = formatIssues(checked.error.issues, value);
    const why = problem === undefined ? checked.error.message : problem.path.length === 0 ? problem.message : `${problem.field}: ${problem.message}`;
    throw new InputError(`${path}:${lineNumber}: not an llm-bench result record (${why}); the results file is damaged`);
  }
  // The parsed copy lacks the fields this version does not know: the line as written is kept.
  return value as AttemptRecord;
}
