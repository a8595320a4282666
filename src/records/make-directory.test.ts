import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeWorkspace } from '../../test/support/run-folder.ts';
import { makeDirectory } from './make-directory.ts';

describe('makeDirectory', () => {
  let workspace: Awaited<ReturnType<typeof makeWorkspace>> | undefined;
  afterEach(async () => workspace?.remove());

  it('creates every missing folder of a path, and accepts one that exists', async () => {
    workspace = await makeWorkspace();
    const path = join(workspace.path, 'a', 'b', 'c');
    await makeDirectory(path);
    expect(statSync(path).isDirectory()).toBe(true);
    await makeDirectory(path);
  });

  it('refuses a path under a file, or that is a file, with the kernel\'s error', async () => {
    workspace = await makeWorkspace();
    const file = await workspace.write('file.txt', 'x');
    await expect(makeDirectory(join(file, 'sub'))).rejects.toMatchObject({ code: 'ENOTDIR' });
    await expect(makeDirectory(file)).rejects.toMatchObject({ code: 'EEXIST' });
  });

  it.runIf(existsSync('/proc/1'))('fails at once where the kernel refuses a folder under an existing one, where Node\'s recursive mkdir spins forever', async () => {
    await expect(makeDirectory('/proc/1/llm-bench-test/x')).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
