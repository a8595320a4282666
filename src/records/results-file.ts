import { open, type FileHandle } from 'node:fs/promises';
import type { AttemptRecord } from './attempt-record.ts';

/**
 * `results.jsonl`, append-only: one line per finished attempt, written and flushed as soon as
 * the attempt ends, so a crash loses nothing already answered.
 */
export class ResultsFile {
  readonly path: string;
  private readonly handle: FileHandle;

  private constructor(path: string, handle: FileHandle) {
    this.path = path;
    this.handle = handle;
  }

  static async open(path: string): Promise<ResultsFile> {
    return new ResultsFile(path, await open(path, 'a'));
  }

  async append(record: AttemptRecord): Promise<void> {
    // One write call per line: a kill mid-write can tear only the last line.
    await this.handle.write(`${JSON.stringify(record)}\n`);
    await this.handle.datasync();
  }

  async close(): Promise<void> {
    await this.handle.close();
  }
}
