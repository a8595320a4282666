import { rename, rm, writeFile } from 'node:fs/promises';
import { temporaryPathFor } from '../records/index.ts';

/**
 * writeFileAtomic for text that comes in pieces: each piece is written as it comes, through a
 * temporary file and a rename, so the whole text is never one string and a reader never sees
 * half a file.
 */
export async function writeChunksAtomic(path: string, chunks: Iterable<string> | AsyncIterable<string>): Promise<void> {
  const temporaryPath = temporaryPathFor(path);
  try {
    await writeFile(temporaryPath, chunks, 'utf8');
    await rename(temporaryPath, path);
  } catch (error) {
    await rm(temporaryPath, { force: true });
    throw error;
  }
}
