import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';

const temporarySuffix = /\.tmp-(\d+)(?:-\d+)?$/;
let written = 0;

/**
 * Where a file is written before it is renamed into place: beside it, named after this process
 * and numbered, so that two writes of one file in one process (two runs through the API) never
 * share a temporary file.
 */
export function temporaryPathFor(path: string): string {
  written += 1;
  return `${path}.tmp-${process.pid}-${written}`;
}

/**
 * Removes the temporary files that a process killed mid-write left in `folder` (a kill during
 * report writing leaves `results.csv.tmp-<pid>`). A file whose process is still alive is kept:
 * it may be mid-write. Returns the names removed; a folder that cannot be read removes nothing.
 */
export async function removeLeftoverTemporaries(
  folder: string,
  isAlive: (pid: number) => boolean = processExists,
): Promise<string[]> {
  const names = await readdir(folder).catch(() => [] as string[]);
  const leftovers = names.filter((name) => {
    const pid = temporarySuffix.exec(name)?.[1];
    return pid !== undefined && Number(pid) !== process.pid && !isAlive(Number(pid));
  });
  await Promise.all(leftovers.map((name) => rm(join(folder, name), { force: true }).catch(() => undefined)));
  return leftovers;
}

/** Whether a process with this pid is alive (EPERM: alive, but another user's). */
export function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
