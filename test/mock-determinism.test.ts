import { describe, expect, it } from 'vitest';
import { startMockServer, type MockProfiles } from '../src/mock/index.ts';
import { mockProfilesSchema } from '../src/config/mock-profile-schema.ts';

const profilesWith = (accuracy: number): MockProfiles =>
  mockProfilesSchema.parse({
    models: [
      {
        id: 'noisy',
        ttftMs: { p50: 2, p90: 6 },
        tokensPerSecond: 5000,
        faultRates: { server_error: 0.2 },
        answer: { policy: 'oracle', accuracy },
      },
    ],
  });
const profiles = profilesWith(0.75);
const cases = Array.from({ length: 10 }, (_unused, index) => ({
  id: `case-${index}`,
  prompt: `What is ${index} times 7?`,
  expected: String(index * 7),
}));

/** Runs the same 60 requests in the same order; returns what a seed decided. */
async function run(seed: number, accuracy = 0.75) {
  const server = await startMockServer({ profiles: profilesWith(accuracy), seed, cases });
  try {
    for (let index = 0; index < 60; index++) {
      await fetch(`${server.url}/v1/chat/completions`, {
        method: 'POST',
        // Streamed, so the first planned chunk time is the TTFT whatever the answer's length.
        body: JSON.stringify({ model: 'noisy', stream: true, messages: [{ role: 'user', content: cases[index % 10]!.prompt }] }),
      }).then((response) => response.text());
    }
    return server.requests().map((record, index) => ({
      expected: cases[index % 10]!.expected,
      ttft: record.status === 200 ? Math.round((record.plannedChunkTimes[0]! - record.arrivedAt) * 1000) : undefined,
      fault: record.fault,
      answer: record.answer,
    }));
  } finally {
    await server.close();
  }
}

describe('seeded determinism', () => {
  it('replays TTFTs, faults and answers for the same seed, and differs for another', async () => {
    const first = await run(7);
    const again = await run(7);
    const other = await run(8);
    expect(again).toEqual(first);
    expect(other).not.toEqual(first);
    const faults = first.filter((record) => record.fault === 'server_error').length;
    expect(faults).toBeGreaterThan(3);
    expect(faults).toBeLessThan(25);
  });

  it('draws the same TTFTs and faults whatever the accuracy: a wrong answer takes no extra draws', async () => {
    const right = await run(5, 1);
    const mixed = await run(5, 0.5);
    expect(mixed.map((record) => record.answer)).not.toEqual(right.map((record) => record.answer));
    expect(mixed.map(({ ttft, fault }) => ({ ttft, fault }))).toEqual(right.map(({ ttft, fault }) => ({ ttft, fault })));
  });

  it('answers known cases right at about the configured accuracy, wrong answers look plausible', async () => {
    const records = (await run(3)).filter((record) => record.fault === undefined);
    expect(records.length).toBeGreaterThan(30);
    for (const record of records) expect(record.answer).toMatch(/^-?\d+$/);
    const accuracy = records.filter((record) => record.answer === record.expected).length / records.length;
    expect(accuracy).toBeGreaterThan(0.5);
    expect(accuracy).toBeLessThan(1);
  });
});

describe('after close', () => {
  it('still returns the ground truth of what was served', async () => {
    const server = await startMockServer({ profiles, cases });
    await fetch(`${server.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'x-mock-fault': 'none' },
      body: JSON.stringify({ model: 'noisy', messages: [{ role: 'user', content: cases[0]!.prompt }] }),
    });
    await server.close();
    expect(server.requests()).toHaveLength(1);
    expect(server.requests()[0]?.fault).toBeUndefined();
  });
});
