import { describe, expect, it } from 'vitest';
import { formatUsd } from './format-usd.ts';

describe('formatUsd', () => {
  it('shows cents from a dollar up and three significant digits below', () => {
    expect(formatUsd(12.345)).toBe('12.35');
    expect(formatUsd(1)).toBe('1.00');
    expect(formatUsd(0.5)).toBe('0.50');
    expect(formatUsd(0.0123)).toBe('0.0123');
    expect(formatUsd(0.000123)).toBe('0.000123');
    expect(formatUsd(0.00012)).toBe('0.00012');
    expect(formatUsd(0.00000123456)).toBe('0.00000123');
  });

  it('tells zero from unknown', () => {
    expect(formatUsd(0)).toBe('0');
    expect(formatUsd(undefined)).toBe('');
  });

  it('writes a huge cost out in digits, never as 3e+301, and a tiny negative one without a minus sign on zero', () => {
    expect(formatUsd(3e301)).toBe(`3${'0'.repeat(301)}.00`);
    expect(formatUsd(-1e-20)).not.toContain('-');
    expect(formatUsd(Number.POSITIVE_INFINITY)).toBe('');
  });
});
