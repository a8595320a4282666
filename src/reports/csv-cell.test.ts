import { describe, expect, it } from 'vitest';
import { csvCell, plainNumber } from './csv-cell.ts';

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
});
