import { closeSync, constants, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { DatasetError, InputError } from './errors.ts';

export type InputFile = {
  path: string;
  /** What the file is, for messages: `dataset`, `prompt file`, `price table`. */
  what: string;
  maxBytes: number;
};

/** What a path is when it is not a regular file (`a named pipe (FIFO)`); undefined for a file. */
export function kindOf(stats: Stats): string | undefined {
  if (stats.isFile()) return undefined;
  if (stats.isDirectory()) return 'a folder';
  if (stats.isFIFO()) return 'a named pipe (FIFO)';
  if (stats.isSocket()) return 'a socket';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  return 'not a regular file';
}

function refuseKind({ path, what }: InputFile, stats: Stats): void {
  const kind = kindOf(stats);
  if (kind === 'a folder') throw new InputError(`${what} is a folder, not a file: ${path}`);
  if (kind !== undefined) throw new DatasetError([`${path}:1: (file): ${kind}, not a regular file; ${withArticle(what)} must be a regular file`]);
}

function refuseSize({ path, what, maxBytes }: InputFile, size: number): void {
  if (size <= maxBytes) return;
  throw new DatasetError([`${path}:1: (file): ${size.toLocaleString('en-US')} bytes, larger than the ${maxBytes / 2 ** 20} MiB ${withArticle(what)} may be`]);
}

function refuseError({ path, what }: InputFile, error: unknown): never {
  if (error instanceof InputError) throw error;
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') throw new InputError(`${what} not found: ${path}`, { cause: error });
  throw new InputError(`cannot read ${what} ${path}: ${(error as Error).message}`, { cause: error });
}

const chunkBytes = 2 ** 20;

/**
 * Reads a file a user named, refusing what is not a regular file before opening it: opening a
 * FIFO blocks until a writer comes (a libuv worker stuck in open() for good), and a device such
 * as /dev/zero never ends; `stat` does neither. The open is non-blocking and checked again on the
 * descriptor, in case the path was swapped in between. The size is checked before reading, and
 * again while reading, so a file that grows is not read past `maxBytes`.
 */
export async function readInputFile(file: InputFile): Promise<Buffer> {
  try {
    const before = await stat(file.path);
    refuseKind(file, before);
    refuseSize(file, before.size);
    const handle = await open(file.path, constants.O_RDONLY | constants.O_NONBLOCK);
    try {
      const stats = await handle.stat();
      refuseKind(file, stats);
      const chunks: Buffer[] = [];
      let total = 0;
      for (let size = Math.min(stats.size, file.maxBytes) + 1; ; size = chunkBytes) {
        const chunk = Buffer.allocUnsafe(size);
        const { bytesRead } = await handle.read(chunk, 0, size, null);
        if (bytesRead === 0) break;
        chunks.push(chunk.subarray(0, bytesRead));
        total += bytesRead;
        refuseSize(file, total);
      }
      return chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, total);
    } finally {
      await handle.close();
    }
  } catch (error) {
    refuseError(file, error);
  }
}

/** readInputFile for callers that cannot wait (an image read while a case is validated). */
export function readInputFileSync(file: InputFile): Buffer {
  try {
    const before = statSync(file.path);
    refuseKind(file, before);
    refuseSize(file, before.size);
    const descriptor = openSync(file.path, constants.O_RDONLY | constants.O_NONBLOCK);
    try {
      const stats = fstatSync(descriptor);
      refuseKind(file, stats);
      const chunks: Buffer[] = [];
      let total = 0;
      for (let size = Math.min(stats.size, file.maxBytes) + 1; ; size = chunkBytes) {
        const chunk = Buffer.allocUnsafe(size);
        const bytesRead = readSync(descriptor, chunk, 0, size, null);
        if (bytesRead === 0) break;
        chunks.push(chunk.subarray(0, bytesRead));
        total += bytesRead;
        refuseSize(file, total);
      }
      return chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, total);
    } finally {
      closeSync(descriptor);
    }
  } catch (error) {
    refuseError(file, error);
  }
}

/** `a dataset`, `an eval file`, `an answer book`. */
function withArticle(what: string): string {
  return `${/^[aeiou]/i.test(what) ? 'an' : 'a'} ${what}`;
}
