import { describe, expect, it } from 'vitest';
import { mockModelProfileSchema } from './mock-profile-schema.ts';

function problems(profile: Record<string, unknown>): string[] {
  const result = mockModelProfileSchema.safeParse({ id: 'm', ttftMs: { p50: 100, p90: 200 }, tokensPerSecond: 50, ...profile });
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

describe('mock profile numbers', () => {
  it('takes a profile inside every range', () => {
    expect(problems({})).toEqual([]);
    expect(problems({ ttftMs: { p50: 0, p90: 86_400_000 }, tokensPerSecond: 0.001, outputTokens: 1_000_000 })).toEqual([]);
    expect(problems({ capacity: { concurrency: 2 } })).toEqual([]);
  });

  it.each([
    // A time to first token no timer holds: the simulator's wait once spun on 1 ms timers.
    [{ ttftMs: { p50: 1e12, p90: 1e12 } }, 'ttftMs.p50: expected a number from 0 to 86400000 ms (24 h), got 1000000000000'],
    // A speed whose chunk interval overflows.
    [{ tokensPerSecond: 1e-300 }, 'tokensPerSecond: expected a number from 0.001 to 1000000 tokens per second, got 1e-300'],
    // Every output token is allocated: a billion of them is gigabytes per answer.
    [{ outputTokens: 1e9 }, 'outputTokens: expected an integer from 1 to 1000000, got 1000000000'],
    [{ maxOutputTokens: 0 }, 'maxOutputTokens: expected an integer from 1 to 1000000, got 0'],
    [{ tokensPerChunk: 1.5 }, 'tokensPerChunk: expected an integer from 1 to 100000, got 1.5'],
    [{ contextWindow: Number.NaN }, 'contextWindow: expected an integer from 1 to 100000000, got NaN'],
    [{ faultRates: { stall: 2 } }, 'faultRates.stall: expected a number from 0 to 1, got 2'],
    [{ pricePerMillionTokens: { input: Infinity, output: 1 } }, 'pricePerMillionTokens.input: expected a number from 0 to 1000000 USD per million tokens, got Infinity'],
    // A server's capacity is a whole number of requests generating at once.
    [{ capacity: { concurrency: 0 } }, 'capacity.concurrency: expected an integer from 1 to 10000, got 0'],
    [{ capacity: { concurrency: 2.5 } }, 'capacity.concurrency: expected an integer from 1 to 10000, got 2.5'],
    [{ capacity: { concurency: 2 } }, 'capacity: Unrecognized key: "concurency"'],
  ])('refuses %o', (profile, message) => {
    expect(problems(profile)).toContain(message);
  });
});
