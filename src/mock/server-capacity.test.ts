import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockServer } from './mock-server.ts';
import { startMockServer } from './start-mock-server.ts';
import { constantMockProfiles } from './test-profiles.ts';

const ttftMs = 30;

async function stream(url: string, model: string): Promise<string> {
  const response = await fetch(`${url}/v1/chat/completions`, {
    method: 'POST',
    body: JSON.stringify({ model, stream: true, messages: [{ role: 'user', content: 'x' }] }),
    signal: AbortSignal.timeout(10_000),
  });
  return response.text();
}

/** The capacity a profile gives the simulated server: who waits, for how long, in what order. */
describe('a model with a capacity', () => {
  let server: MockServer;
  beforeAll(async () => {
    server = await startMockServer({
      profiles: constantMockProfiles(
        { id: 'narrow', ttftMs, tokensPerSecond: 1000, outputTokens: 3, answer: { policy: 'fixed', text: 'ok' }, capacity: { concurrency: 1 } },
        { id: 'open', ttftMs, tokensPerSecond: 1000, outputTokens: 3, answer: { policy: 'fixed', text: 'ok' } },
      ),
    });
  });
  afterAll(async () => server?.close());

  it('serves one request at a time, the others in arrival order, each waiting for the one before to finish', async () => {
    await Promise.all([0, 1, 2, 3].map(() => stream(server.url, 'narrow')));
    const records = server.requests().filter((record) => record.model === 'narrow').sort((a, b) => a.arrivedAt - b.arrivedAt);
    expect(records).toHaveLength(4);
    expect(records.every((record) => record.status === 200 && record.outputTokens === 3)).toBe(true);
    for (const [index, record] of records.entries()) {
      expect(record.queueWaitMs).toBeCloseTo(record.startedAt! - record.arrivedAt, 6);
      // Its first token comes a time to first token after its slot, not after its arrival.
      expect(record.plannedChunkTimes[0]).toBeCloseTo(record.startedAt! + ttftMs, 6);
      const before = records[index - 1];
      if (before) {
        // FIFO: it started only once the request that arrived before it had written its last chunk.
        expect(record.startedAt!).toBeGreaterThanOrEqual(before.chunkTimes.at(-1)!);
      }
    }
    // One at a time: the last one started three whole services (each at least its TTFT) after the first.
    expect(records.at(-1)!.startedAt!).toBeGreaterThanOrEqual(records[0]!.startedAt! + 3 * ttftMs);
    expect(records.some((record) => record.queueWaitMs! > 0)).toBe(true);
  });

  it('leaves a model without a capacity unqueued: no slot times in its ground truth', async () => {
    await Promise.all([0, 1, 2].map(() => stream(server.url, 'open')));
    const records = server.requests().filter((record) => record.model === 'open');
    expect(records).toHaveLength(3);
    expect(records.map((record) => [record.startedAt, record.queueWaitMs])).toEqual([[undefined, undefined], [undefined, undefined], [undefined, undefined]]);
  });
});
