import { describe, expect, it } from 'vitest';
import { csvCell, plainFixed, plainNumber } from './csv-cell.ts';

describe('csvCell', () => {
  it('leaves unknown empty and writes booleans as words', () => {
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(true)).toBe('true');
    expect(csvCell(false)).toBe('false');
  });

  it('keeps numbers numeric, negative ones included, without float noise or exponents', () => {
    expect(csvCell(-2)).toBe('-2');
    expect(csvCell(0)).toBe('0');
    expect(csvCell(0.1 + 0.2)).toBe('0.3');
    expect(csvCell(1.23e-7)).toBe('0.000000123');
    expect(csvCell(Number.NaN)).toBe('');
  });

  it('neutralises text a spreadsheet would run', () => {
    expect(csvCell('-2')).toBe("'-2");
    expect(csvCell('=1+1')).toBe("'=1+1");
  });
});

describe('plainNumber', () => {
  it('writes small numbers in plain decimal notation', () => {
    expect(plainNumber(1e-7)).toBe('0.0000001');
    expect(plainNumber(-4.5e-9)).toBe('-0.0000000045');
    expect(plainNumber(0.000123)).toBe('0.000123');
    expect(plainNumber(1234.5)).toBe('1234.5');
  });

  it('writes huge numbers in plain decimal notation too, negative zero as 0, and NaN or infinities as nothing', () => {
    expect(plainNumber(3e301)).toBe(`3${'0'.repeat(301)}`);
    expect(plainNumber(-1.5e21)).toBe('-1500000000000000000000');
    expect(plainNumber(1.25e25)).toBe('12500000000000000000000000');
    expect(plainNumber(Number.MAX_VALUE)).toMatch(/^17976931348623157\d{292}$/);
    expect(plainNumber(-0)).toBe('0');
    expect(plainNumber(Number.NaN)).toBe('');
    expect(plainNumber(Number.POSITIVE_INFINITY)).toBe('');
    expect(csvCell(3e301)).toBe(`3${'0'.repeat(301)}`);
    expect(csvCell(-0)).toBe('0');
    expect(csvCell(Number.NEGATIVE_INFINITY)).toBe('');
  });
});

describe('plainFixed', () => {
  it('keeps its decimals at any magnitude, with no exponent and no negative zero', () => {
    expect(plainFixed(3e301, 2)).toBe(`3${'0'.repeat(301)}.00`);
    expect(plainFixed(-2e22, 0)).toBe('-20000000000000000000000');
    expect(plainFixed(-0.04, 1)).toBe('0.0');
    expect(plainFixed(-0, 2)).toBe('0.00');
    expect(plainFixed(12.345, 1)).toBe('12.3');
  });
});
