import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeWorkspace } from '../../test/support/run-folder.ts';
import { ResponseCache } from './response-cache.ts';

describe('ResponseCache', () => {
  let workspace: Awaited<ReturnType<typeof makeWorkspace>> | undefined;
  afterEach(async () => workspace?.remove());

  it('stores and returns an answer, and reports a store it could not write instead of throwing', async () => {
    workspace = await makeWorkspace();
    const cache = new ResponseCache(join(workspace.path, 'cache'));
    const answer = { output: 'Paris', usage: { inputTokens: 5, outputTokens: 1, estimated: false } };
    expect(await cache.put(ResponseCache.key({ prompt: 'x' }), answer)).toBe(true);
    expect(await cache.get(ResponseCache.key({ prompt: 'x' }))).toEqual(answer);
    // The folder became a file while the run went on (a full disk fails the same way).
    const blocked = await workspace.write('blocked', 'x');
    expect(await new ResponseCache(blocked).put(ResponseCache.key({ prompt: 'y' }), answer)).toBe(false);
  });

  it('clears the temporary files a killed run left in the cache folder, at its first write', async () => {
    workspace = await makeWorkspace();
    const key = ResponseCache.key({ prompt: 'z' });
    // pid 2^22+1 is above Linux's pid_max: no process has it.
    await mkdir(join(workspace.path, 'cache'));
    const leftover = await workspace.write(`cache/${'0'.repeat(64)}.json.tmp-4194305`, '{"outp');
    const cache = new ResponseCache(join(workspace.path, 'cache'));
    expect(await cache.put(key, { output: 'Rome', usage: { inputTokens: 1, outputTokens: 1, estimated: false } })).toBe(true);
    expect(await readdir(join(workspace.path, 'cache'))).toEqual([`${key}.json`]);
    expect(leftover).toContain('.tmp-');
  });
});
