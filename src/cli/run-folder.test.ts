import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeWorkspace } from '../../test/support/run-folder.ts';
import { lockRunFolder } from './run-folder.ts';

describe('lockRunFolder', () => {
  let workspace: Awaited<ReturnType<typeof makeWorkspace>> | undefined;
  afterEach(async () => workspace?.remove());

  it('refuses a folder another live process is writing, and takes over the lock of a dead one', async () => {
    workspace = await makeWorkspace();
    const folder = workspace.path;
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 10000)']);
    try {
      await workspace.write('run.lock', `${other.pid}\n`);
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
