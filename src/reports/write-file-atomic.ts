import { rename, rm, writeFile } from 'node:fs/promises';
import { temporaryPathFor } from '../records/index.ts';

/**
 * Writes through a temporary file and a rename, so a reader (or a crash) never sees half a
 * report: the file is either the old one or the new one. What a kill leaves behind is removed
 * when the folder is next opened (removeLeftoverTemporaries).
 */
export async function writeFileAtomic(path: string, content: string): Promise<void> {
  const temporaryPath = temporaryPathFor(path);
  try {
    await writeFile(temporaryPath, content, 'utf8');
    await rename(temporaryPath, path);
  } catch (error) {
    await rm(temporaryPath, { force: true });
    throw error;
  }
}
