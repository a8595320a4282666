import { open, readFile } from 'node:fs/promises';
import { InputError } from '../config/errors.ts';
import type { AttemptRecord } from './attempt-record.ts';

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
    try {
      records.push(JSON.parse(line) as AttemptRecord);
    } catch {
      throw new InputError(`${path}:${index + 1}: not a complete JSON record; the results file is damaged`);
    }
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
