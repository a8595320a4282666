import { execFileSync } from 'node:child_process';
import { constants } from 'node:fs';
import { mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from './errors.ts';
import { readInputFile, readInputFileSync } from './read-input-file.ts';

let folder: string;
let server: Server;
beforeAll(async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'llm-bench-read-input-'));
  server = createServer();
  await new Promise<void>((resolve) => server.listen(path.join(folder, 'socket.jsonl'), resolve));
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await rm(folder, { recursive: true, force: true });
});

/**
 * Should a regression open the FIFO, a writer comes after a while and ends the blocked open, so
 * the test fails on its result instead of leaving a thread stuck in open() for good.
 */
function unblockLater(fifo: string): () => void {
  const timer = setTimeout(() => {
    void open(fifo, constants.O_WRONLY | constants.O_NONBLOCK).then((handle) => handle.close(), () => undefined);
  }, 20_000);
  return () => clearTimeout(timer);
}

const refusal = async (promise: Promise<unknown>) =>
  promise.then(
    () => 'read',
    (error: unknown) => (error instanceof InputError ? error.message : `not an InputError: ${String(error)}`),
  );

describe('readInputFile', () => {
  it('refuses a named pipe (FIFO) by stat, without opening it, naming the path', async () => {
    const fifo = path.join(folder, 'ds.jsonl');
    execFileSync('mkfifo', [fifo]);
    const cancel = unblockLater(fifo);
    try {
      expect(await refusal(readInputFile({ path: fifo, what: 'dataset', maxBytes: 100 }))).toBe(`${fifo}:1: (file): a named pipe (FIFO), not a regular file; a dataset must be a regular file`);
      expect(() => readInputFileSync({ path: fifo, what: 'image', maxBytes: 100 })).toThrow('a named pipe (FIFO), not a regular file');
    } finally {
      cancel();
    }
  });

  it('refuses a socket, a character device and a folder', async () => {
    expect(await refusal(readInputFile({ path: path.join(folder, 'socket.jsonl'), what: 'dataset', maxBytes: 100 }))).toMatch(/socket\.jsonl:1: \(file\): a socket, not a regular file/);
    expect(await refusal(readInputFile({ path: '/dev/zero', what: 'dataset', maxBytes: 100 }))).toBe('/dev/zero:1: (file): a character device, not a regular file; a dataset must be a regular file');
    expect(await refusal(readInputFile({ path: folder, what: 'price table', maxBytes: 100 }))).toBe(`price table is a folder, not a file: ${folder}`);
    expect(await refusal(readInputFile({ path: path.join(folder, 'gone.yaml'), what: 'price table', maxBytes: 100 }))).toBe(`price table not found: ${path.join(folder, 'gone.yaml')}`);
  });

  it('refuses a file over its size bound before reading it, and reads one at the bound', async () => {
    const file = path.join(folder, 'big.txt');
    await writeFile(file, 'x'.repeat(3 * 2 ** 20 + 1));
    expect(await refusal(readInputFile({ path: file, what: 'prompt file', maxBytes: 3 * 2 ** 20 }))).toBe(`${file}:1: (file): 3,145,729 bytes, larger than the 3 MiB a prompt file may be`);
    expect((await readInputFile({ path: file, what: 'prompt file', maxBytes: 3 * 2 ** 20 + 1 })).length).toBe(3 * 2 ** 20 + 1);
    expect(readInputFileSync({ path: file, what: 'image', maxBytes: 3 * 2 ** 20 + 1 }).length).toBe(3 * 2 ** 20 + 1);
  });
});
