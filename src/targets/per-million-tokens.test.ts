import { describe, expect, it } from 'vitest';
import { perMillionTokens } from './per-million-tokens.ts';

describe('perMillionTokens', () => {
  it('moves the decimal point six places, with no float noise', () => {
    // Multiplying would not do: 0.0000008 * 1e6 is 0.7999999999999999 in floating point.
    expect(Number('0.0000008') * 1e6).not.toBe(0.8);
    expect(perMillionTokens('0.0000008')).toBe(0.8);
    expect(perMillionTokens('0.000015')).toBe(15);
    expect(perMillionTokens('0.00000015')).toBe(0.15);
    expect(perMillionTokens('0.0000006')).toBe(0.6);
    expect(perMillionTokens('0.000000075')).toBe(0.075);
    expect(perMillionTokens('0.0000025')).toBe(2.5);
    expect(perMillionTokens('0.00001')).toBe(10);
    expect(perMillionTokens('3')).toBe(3_000_000);
    expect(perMillionTokens('0')).toBe(0);
    expect(perMillionTokens('.000001')).toBe(1);
    expect(perMillionTokens('0.000000000001')).toBe(0.000001);
  });

  it('reads scientific notation the same way', () => {
    expect(perMillionTokens('1.5e-7')).toBe(0.15);
    expect(perMillionTokens('3E-6')).toBe(3);
    expect(perMillionTokens('2.5e-12')).toBe(0.0000025);
  });

  it('refuses what is not a non-negative decimal', () => {
    for (const text of ['', '-0.0000001', 'free', '0x10', '1,5', '.', 'e-7', 'NaN', 'Infinity', '1e99999']) {
      expect(perMillionTokens(text), text).toBeUndefined();
    }
  });
});
