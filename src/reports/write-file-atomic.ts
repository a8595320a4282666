import { rename, rm, writeFile } from 'node:fs/promises';

/**
 * Writes through a temporary file and a rename, so a reader (or a crash) never sees half a
 * report: the file is either the old one or the new one.
 */
export async function writeFileAtomic(path: string, content: string): Promise<void> {
  const temporaryPath = `${path}.tmp-${process.pid}`;
  try {
    await writeFile(temporaryPath, content, 'utf8');
    await rename(temporaryPath, path);
  } catch (error) {
    await rm(temporaryPath, { force: true });
    throw error;
  }
}
