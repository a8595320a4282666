import { describe, expect, it } from 'vitest';
import { createRedactor, redactedMarker } from './redact-secrets.ts';

describe('createRedactor', () => {
  const key = 'sk-test-0123456789abcdef+/=XYZ';
  const redact = createRedactor([key]);

  it('blanks the key as it is', () => {
    expect(redact(`Incorrect API key provided: ${key}.`)).toBe(`Incorrect API key provided: ${redactedMarker}.`);
  });

  it('blanks the key URL-encoded, with upper- or lower-case hex digits', () => {
    expect(redact(`?key=${encodeURIComponent(key)}`)).toBe(`?key=${redactedMarker}`);
    const lowerHex = encodeURIComponent(key).replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase());
    expect(redact(`?key=${lowerHex}`)).toBe(`?key=${redactedMarker}`);
  });

  it('blanks the key with JSON-escaped slashes', () => {
    expect(redact(JSON.stringify({ key }).replaceAll('/', '\\/'))).toBe(`{"key":"${redactedMarker}"}`);
  });

  it.each([0, 1, 2, 3, 4])('blanks the key inside base64 with %d bytes before it', (prefixLength) => {
    const encoded = Buffer.from(`${'u'.repeat(prefixLength)}:${key}`).toString('base64');
    const redacted = redact(`Authorization: Basic ${encoded}`);
    expect(redacted).toContain(redactedMarker);
    // What is left cannot give the key back.
    const leftovers = redacted.replace('Authorization: Basic ', '').split(redactedMarker).join('');
    expect(Buffer.from(leftovers, 'base64').toString('latin1')).not.toContain(key.slice(2, 12));
  });

  it('leaves text alone when there are no secrets, and ignores values too short to be keys', () => {
    expect(createRedactor([])('hello')).toBe('hello');
    expect(createRedactor(['abc', undefined])('abc')).toBe('abc');
  });
});
