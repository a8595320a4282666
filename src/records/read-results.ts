import { open, readFile, stat } from 'node:fs/promises';
import { z } from 'zod';
import { InputError } from '../config/errors.ts';
import { formatPath } from '../config/format-issues.ts';
import type { AttemptRecord } from './attempt-record.ts';

const optionalNumber = z.number().optional();
/**
 * What every reader of a record relies on. Loose: fields added by a later llm-bench are kept, and
 * the rest of a record is as the run wrote it.
 */
const recordShape = z.looseObject({
  caseId: z.string(),
  target: z.string(),
  prompt: z.string(),
  repeat: z.number().int().min(1),
  attempt: z.number().int().min(1),
  final: z.boolean(),
  status: z.enum(['ok', 'error']),
  startedAt: z.string(),
  output: z.string(),
  timing: z.looseObject({ ttftMs: optionalNumber, e2eMs: optionalNumber }),
  usage: z.looseObject({ inputTokens: optionalNumber, outputTokens: optionalNumber }),
  costUsd: optionalNumber,
  error: z.looseObject({ type: z.string(), message: z.string() }).optional(),
});

/**
 * Reads a run's `results.jsonl`. A last line without its newline, or that does not parse, was
 * torn by a kill mid-write: it is dropped and, when resuming (`cutTornLine`), cut from the file,
 * so the next append starts on a clean line. A bad line anywhere else is damage we must not paper
 * over.
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
    const checked = recordShape.safeParse(value);
    if (!checked.success || (checked.data.status === 'error' && !checked.data.error)) {
      const issue = checked.error?.issues[0];
      const why = issue ? `${formatPath(issue.path)}: ${issue.message}` : 'an error record without its error';
      throw new InputError(`${path}:${index + 1}: not an llm-bench result record (${why}); the results file is damaged`);
    }
    records.push(checked.data as AttemptRecord);
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
