import { open, type FileHandle } from 'node:fs/promises';
import type { AttemptRecord } from './attempt-record.ts';

/**
 * `results.jsonl`, append-only: one line per finished attempt, written as soon as the attempt
 * ends, so a crash of the process loses nothing already answered (the line is the system's once
 * written). Lines are flushed to the disk together (`fdatasync`) at most `syncIntervalMs` after
 * they are written, and at the close: one flush per line capped a run at about 1,100 records a
 * second here, and queued the rest in memory. A power loss can lose that last interval's lines.
 */
export class ResultsFile {
  readonly path: string;
  private readonly handle: FileHandle;
  private readonly syncIntervalMs: number;
  /** The flush that will cover every line written so far, once it runs. */
  private pendingSync: Promise<void> | undefined;
  private syncError: unknown;

  private constructor(path: string, handle: FileHandle, syncIntervalMs: number) {
    this.path = path;
    this.handle = handle;
    this.syncIntervalMs = syncIntervalMs;
  }

  static async open(path: string, options: { syncIntervalMs?: number } = {}): Promise<ResultsFile> {
    return new ResultsFile(path, await open(path, 'a'), options.syncIntervalMs ?? 10);
  }

  async append(record: AttemptRecord): Promise<void> {
    if (this.syncError !== undefined) throw this.syncError;
    // One write call per line: a kill mid-write can tear only the last line.
    await this.handle.write(`${JSON.stringify(record)}\n`);
    this.pendingSync ??= new Promise<void>((resolve) => {
      setTimeout(() => {
        this.pendingSync = undefined;
        this.handle.datasync().then(resolve, (error: unknown) => {
          this.syncError = error;
          resolve();
        });
      }, this.syncIntervalMs);
    });
  }

  /** Every line written so far is on the disk. */
  async flush(): Promise<void> {
    await this.pendingSync;
    if (this.syncError !== undefined) throw this.syncError;
  }

  async close(): Promise<void> {
    try {
      await this.flush();
      await this.handle.datasync();
    } finally {
      await this.handle.close();
    }
  }
}
