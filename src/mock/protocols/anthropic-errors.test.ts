import { describe, expect, it } from 'vitest';
import { anthropicRateLimitHeaders } from './anthropic-errors.ts';

describe("Anthropic's 429 headers", () => {
  it('send a hostile wait (x-mock-retry-after: 1e20) as the latest date there is, instead of failing the request with a 500', () => {
    for (const fault of ['rate_limit', 'rate_limit_ms', 'rate_limit_reset'] as const) {
      const headers = anthropicRateLimitHeaders(fault, '1e20', 1e23);
      expect(Date.parse(headers['anthropic-ratelimit-requests-reset']!)).toBe(8.64e15);
    }
  });

  it('send an ordinary wait as it is', () => {
    const before = Date.now();
    const headers = anthropicRateLimitHeaders('rate_limit', '2', 2000);
    expect(headers['retry-after']).toBe('2');
    expect(Date.parse(headers['anthropic-ratelimit-tokens-reset']!) - before).toBeGreaterThanOrEqual(1999);
  });
});
