import { describe, expect, it } from 'vitest';
import { parseGoDuration } from '../config/go-duration.ts';
import { parseRetryAfter } from './retry-after.ts';

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-11-25T12:00:00Z');

  it('reads retry-after in seconds and as an HTTP date', () => {
    expect(parseRetryAfter({ 'retry-after': '2' }, now)).toBe(2000);
    expect(parseRetryAfter({ 'retry-after': 'Wed, 25 Nov 2026 12:00:05 GMT' }, now)).toBe(5000);
  });

  it('reads a hint no timer could hold (a hostile server\'s retry-after: 1e12) as the longest one can, never Infinity', () => {
    expect(parseRetryAfter({ 'retry-after': '1e12' }, now)).toBe(2_147_483_647);
    expect(parseRetryAfter({ 'retry-after-ms': '99999999999999' }, now)).toBe(2_147_483_647);
    expect(parseRetryAfter({ 'x-ratelimit-reset-requests': `${'9'.repeat(400)}h` }, now)).toBe(2_147_483_647);
    expect(parseRetryAfter({ 'retry-after': 'Fri, 31 Dec 9999 23:59:59 GMT' }, now)).toBe(2_147_483_647);
  });

  it('prefers retry-after-ms, which is more precise', () => {
    expect(parseRetryAfter({ 'retry-after-ms': '250', 'retry-after': '1' }, now)).toBe(250);
  });

  it("reads OpenAI's reset durations, waiting for the limit that is used up", () => {
    const headers = { 'x-ratelimit-reset-requests': '12ms', 'x-ratelimit-reset-tokens': '6m0s' };
    expect(parseRetryAfter({ ...headers, 'x-ratelimit-remaining-requests': '99', 'x-ratelimit-remaining-tokens': '0' }, now)).toBe(360_000);
    expect(parseRetryAfter({ ...headers, 'x-ratelimit-remaining-requests': '0', 'x-ratelimit-remaining-tokens': '5000' }, now)).toBe(12);
    // Which limit is used up is not said: the latest reset, after which no limit can be hit again.
    expect(parseRetryAfter(headers, now)).toBe(360_000);
    // Remaining counts that show nothing used up: the resets are no hint for this 429.
    expect(parseRetryAfter({ ...headers, 'x-ratelimit-remaining-requests': '9990', 'x-ratelimit-remaining-tokens': '5000' }, now)).toBeUndefined();
    // Every response carries reset headers; only a 429's are a wait.
    expect(parseRetryAfter(headers, now, { rateLimited: false })).toBeUndefined();
    expect(parseRetryAfter({ 'retry-after': '3' }, now, { rateLimited: false })).toBe(3000);
  });

  it("reads Anthropic's RFC 3339 resets", () => {
    expect(parseRetryAfter({ 'anthropic-ratelimit-requests-reset': '2026-11-25T12:00:03Z' }, now)).toBe(3000);
    expect(
      parseRetryAfter(
        {
          'anthropic-ratelimit-requests-reset': '2026-11-25T12:00:01Z',
          'anthropic-ratelimit-requests-remaining': '40',
          'anthropic-ratelimit-input-tokens-reset': '2026-11-25T12:00:20Z',
          'anthropic-ratelimit-input-tokens-remaining': '0',
        },
        now,
      ),
    ).toBe(20_000);
  });

  it('says nothing when there is nothing usable', () => {
    expect(parseRetryAfter({ 'retry-after': 'soon' }, now)).toBeUndefined();
    expect(parseRetryAfter({ 'retry-after': '-5' }, now)).toBeUndefined();
    expect(parseRetryAfter({}, now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });
});

describe('parseGoDuration', () => {
  it.each([
    ['6m0s', 360_000],
    ['1h2m3.5s', 3_723_500],
    ['12ms', 12],
    ['1.5s', 1500],
    ['250us', 0.25],
  ])('%s is %d ms', (text, expected) => {
    expect(parseGoDuration(text)).toBeCloseTo(expected, 6);
  });

  it('refuses what is not a duration', () => {
    expect(parseGoDuration('6 minutes')).toBeUndefined();
  });
});
