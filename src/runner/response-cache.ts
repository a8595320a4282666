import { createHash } from 'node:crypto';
import { rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readInputFile } from '../config/read-input-file.ts';
import type { AttemptUsage, ToolCallRecord } from '../records/attempt-record.ts';
import { makeDirectory } from '../records/make-directory.ts';
import { removeLeftoverTemporaries, temporaryPathFor } from '../records/temporary-file.ts';

/** What a cached answer keeps: enough to score it again, nothing about timing. */
export type CachedAnswer = {
  output: string;
  usage: AttemptUsage;
  finishReason?: string;
  toolCalls?: ToolCallRecord[];
};

/**
 * `--cache`: successful answers on disk, keyed by everything that was sent (route, model,
 * messages, settings). Errors are never stored. A cached answer is scored but never timed, so it
 * never enters latency statistics. Outputs are stored already redacted.
 */
export class ResponseCache {
  readonly folder: string;
  private cleared: Promise<unknown> | undefined;

  constructor(folder: string) {
    this.folder = folder;
  }

  static key(request: unknown): string {
    return createHash('sha256').update(JSON.stringify(request)).digest('hex');
  }

  async get(key: string): Promise<CachedAnswer | undefined> {
    try {
      // Read as any input is: a FIFO in its place would block the read for good (a miss instead).
      return JSON.parse((await readInputFile({ path: this.pathOf(key), what: 'cache entry', maxBytes: 2 ** 28 })).toString('utf8')) as CachedAnswer;
    } catch {
      return undefined;
    }
  }

  /**
   * Stores an answer; false when it could not (a full disk, a folder gone). The answer is already
   * committed to results.jsonl: a cache that cannot be written must not end the run.
   */
  async put(key: string, answer: CachedAnswer): Promise<boolean> {
    const path = this.pathOf(key);
    const temporary = temporaryPathFor(path);
    // A run killed mid-write left its temporary files; the first write of the next one clears them.
    this.cleared ??= removeLeftoverTemporaries(this.folder);
    await this.cleared;
    const body = JSON.stringify(answer);
    try {
      // The folder is made when it is first missing, not checked before every answer.
      await writeFile(temporary, body).catch(async (error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') throw error;
        await makeDirectory(this.folder);
        await writeFile(temporary, body);
      });
      await rename(temporary, path);
      return true;
    } catch {
      return false;
    }
  }

  private pathOf(key: string): string {
    return join(this.folder, `${key}.json`);
  }
}
