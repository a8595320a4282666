import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff-delay.ts';

describe('backoffDelay', () => {
  const options = { baseMs: 500, capMs: 10_000 };

  it('honours the server hint, with at most 10% jitter on top', () => {
    expect(backoffDelay(1, 2000, { ...options, random: () => 0 })).toBe(2000);
    expect(backoffDelay(1, 2000, { ...options, random: () => 1 })).toBe(2200);
  });

  it('caps a server hint that is too long, with jitter below the cap', () => {
    expect(backoffDelay(1, 3_600_000, { ...options, random: () => 1 })).toBe(10_000);
    expect(backoffDelay(1, 3_600_000, { ...options, random: () => 0 })).toBe(9000);
    // Close to the cap: never shorter than asked, the retry would meet another 429.
    expect(backoffDelay(1, 9_900, { ...options, random: () => 0.5 })).toBe(9_900);
  });

  it('waits at most the cap whatever a hostile server asks for: 1e15 ms, Infinity, NaN', () => {
    for (const hint of [1e15, Infinity, Number.NaN, -5]) {
      const wait = backoffDelay(1, hint, { ...options, random: () => 0.5 });
      expect(wait).toBeGreaterThanOrEqual(100);
      expect(wait).toBeLessThanOrEqual(10_000);
    }
  });

  it('never retries at once, whatever the server says', () => {
    expect(backoffDelay(1, 0, { ...options, random: () => 0 })).toBe(100);
  });

  it('grows exponentially without a hint, never retrying at once', () => {
    expect(backoffDelay(1, undefined, { ...options, random: () => 0 })).toBe(250);
    expect(backoffDelay(3, undefined, { ...options, random: () => 1 })).toBe(2000);
    expect(backoffDelay(20, undefined, { ...options, random: () => 1 })).toBe(10_000);
  });
});
