import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { lockRunFolder } from './run-folder.ts';

describe('lockRunFolder', () => {
  let folder: string | undefined;
  afterEach(async () => {
    if (folder) await rm(folder, { recursive: true, force: true });
  });

  it('refuses a folder another live process is writing, and takes over the lock of a dead one', async () => {
    folder = await mkdtemp(join(tmpdir(), 'run-lock-'));
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 10000)']);
    try {
      await writeFile(join(folder, 'run.lock'), `${other.pid}\n`);
      await expect(lockRunFolder(folder)).rejects.toThrow(`is being written by another llm-bench (process ${other.pid})`);
    } finally {
      other.kill();
    }
    await new Promise((resolve) => other.once('exit', resolve));
    const unlock = await lockRunFolder(folder);
    expect(await readFile(join(folder, 'run.lock'), 'utf8')).toBe(`${process.pid}\n`);
    await unlock();
    await expect(readFile(join(folder, 'run.lock'), 'utf8')).rejects.toThrow();
  });
});
