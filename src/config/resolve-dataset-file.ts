import { realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { kindOf } from './read-input-file.ts';

/**
 * Resolves a path written in a dataset (a custom scorer module) against the dataset's folder and
 * refuses anything that could read outside it: absolute paths, `..` segments, and symlinks that
 * lead out. A dataset from someone else must not make the harness import arbitrary code.
 */
export function resolveDatasetFile(
  datasetDir: string,
  relativePath: string,
  /** Whose folder it must stay in, for the messages. */
  owner = 'dataset',
): { path: string } | { problem: string } {
  if (path.isAbsolute(relativePath) || /^[a-zA-Z]:/.test(relativePath)) {
    return { problem: `must be a path inside the ${owner}'s folder, got absolute path "${relativePath}"` };
  }
  if (relativePath.split(/[\\/]/).includes('..')) {
    return { problem: `must be a path inside the ${owner}'s folder, got "${relativePath}" (no ".." allowed)` };
  }
  let folder: string;
  let file: string;
  try {
    folder = realpathSync(datasetDir);
    file = realpathSync(path.join(datasetDir, relativePath));
  } catch {
    return { problem: `file not found: ${path.join(datasetDir, relativePath)}` };
  }
  if (!file.startsWith(folder + path.sep)) {
    return { problem: `"${relativePath}" leads outside the ${owner}'s folder (through a symlink)` };
  }
  // A FIFO or a device would block or never end when read: refused by what `stat` says.
  const kind = kindOf(statSync(file));
  if (kind !== undefined) return { problem: `"${relativePath}" is ${kind}, not a regular file` };
  return { path: file };
}
