import type { Stats } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';

/**
 * `mkdir -p` that cannot hang. Node's own recursive mkdir spins forever, at 100% CPU, when the
 * kernel answers ENOENT for a folder whose parent exists (anywhere under /proc, for one): `--out
 * /proc/1/x` never returned. This creates each missing folder in turn, so such a path fails at
 * once with the kernel's error, as a path under a file fails with ENOTDIR.
 */
export async function makeDirectory(path: string): Promise<void> {
  const missing: string[] = [];
  let current = resolve(path);
  let existing: Stats | undefined;
  for (;;) {
    try {
      existing = await stat(current);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      missing.push(current);
      const parent = dirname(current);
      if (parent === current) break;
      current = parent;
    }
  }
  // Already there: fine if it is a folder; mkdir says EEXIST if it is not.
  if (missing.length === 0 && !existing?.isDirectory()) await mkdir(current);
  for (const folder of missing.reverse()) {
    try {
      await mkdir(folder);
    } catch (error) {
      // Made meanwhile by someone else: as good.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}
