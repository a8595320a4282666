import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ResponseCache } from './response-cache.ts';

describe('ResponseCache', () => {
  let folder: string | undefined;
  afterEach(async () => {
    if (folder) await rm(folder, { recursive: true, force: true });
  });

  it('stores and returns an answer, and reports a store it could not write instead of throwing', async () => {
    folder = await mkdtemp(join(tmpdir(), 'cache-'));
    const cache = new ResponseCache(join(folder, 'cache'));
    const answer = { output: 'Paris', usage: { inputTokens: 5, outputTokens: 1, estimated: false } };
    expect(await cache.put(ResponseCache.key({ prompt: 'x' }), answer)).toBe(true);
    expect(await cache.get(ResponseCache.key({ prompt: 'x' }))).toEqual(answer);
    // The folder became a file while the run went on (a full disk fails the same way).
    await writeFile(join(folder, 'blocked'), 'x');
    expect(await new ResponseCache(join(folder, 'blocked')).put(ResponseCache.key({ prompt: 'y' }), answer)).toBe(false);
  });
});
