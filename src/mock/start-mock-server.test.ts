import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import type { Worker } from 'node:worker_threads';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startMockServer } from './start-mock-server.ts';
import { constantMockProfiles } from './test-profiles.ts';

const profiles = constantMockProfiles({ id: 'm', ttftMs: 1, tokensPerSecond: 1000, answer: { policy: 'fixed', text: 'ok' } });

async function answer(url: string): Promise<string> {
  const response = await fetch(`${url}/v1/chat/completions`, {
    method: 'POST',
    body: JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'x' }] }),
    signal: AbortSignal.timeout(5_000),
  });
  return (await response.json()).choices[0].message.content;
}

describe('the threads simulators run on', () => {
  let started: Worker[] = [];
  const onWorker = (worker: Worker) => void started.push(worker);
  beforeEach(() => {
    started = [];
    process.on('worker', onWorker);
  });
  afterEach(() => void process.off('worker', onWorker));

  it("reuses a closed simulator's thread: one thread for a file of tests, not one per test", async () => {
    for (let index = 0; index < 3; index++) {
      const server = await startMockServer({ profiles, seed: index });
      expect(await answer(server.url)).toBe('ok');
      await server.close();
    }
    expect(started.length).toBeLessThanOrEqual(1);
  });

  it('gives simulators open at the same time a thread each, each with its own state', async () => {
    const [first, second] = await Promise.all([startMockServer({ profiles }), startMockServer({ profiles })]);
    await answer(first!.url);
    expect(first!.requests()).toHaveLength(1);
    expect(second!.requests()).toHaveLength(0);
    await Promise.all([first!.close(), second!.close()]);
    // Both threads are kept: two more simulators start none.
    const before = started.length;
    const again = await Promise.all([startMockServer({ profiles }), startMockServer({ profiles })]);
    expect(again.map((server) => server.requests())).toEqual([[], []]);
    await Promise.all(again.map((server) => server.close()));
    expect(started.length).toBe(before);
  });

  it('keeps at most 8 idle threads, and ends the others', async () => {
    const ten = () => Promise.all(Array.from({ length: 10 }, () => startMockServer({ profiles })));
    await Promise.all((await ten()).map((server) => server.close()));
    const before = started.length;
    await Promise.all((await ten()).map((server) => server.close()));
    // 8 kept threads serve 8 of the next 10; 2 must start.
    expect(started.length - before).toBe(2);
  });

  it('reuses a thread after a simulator that failed to start', async () => {
    await expect(startMockServer({ profiles, host: '192.0.2.1' })).rejects.toThrow();
    const server = await startMockServer({ profiles });
    expect(await answer(server.url)).toBe('ok');
    await server.close();
    expect(started.length).toBeLessThanOrEqual(1);
  });

  it('does not keep a process alive once its simulators are closed', { timeout: 90_000 }, async () => {
    const script = `
      import { startMockServer } from ${JSON.stringify(fileURLToPath(new URL('./start-mock-server.ts', import.meta.url)))};
      const server = await startMockServer();
      await server.close();
      console.log('closed');
    `;
    // A process kept alive never exits: execFile kills it at the timeout and rejects. No bound on
    // the wall time, which would measure how busy the machine is.
    const { stdout } = await promisify(execFile)(process.execPath, ['-e', script], { timeout: 60_000 });
    expect(stdout.trim()).toBe('closed');
  });
});
