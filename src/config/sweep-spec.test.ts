import { describe, expect, it } from 'vitest';
import { formatSweepSpec, parseSweepSpec } from './sweep-spec.ts';

describe('parseSweepSpec', () => {
  it('reads rate lists, concurrency lists and max-rate, in the order given', () => {
    expect(parseSweepSpec('rate=1,2,4,8')).toEqual({ kind: 'rate', rates: [1, 2, 4, 8] });
    expect(parseSweepSpec(' rate = 0.5, 16 ,3 ')).toEqual({ kind: 'rate', rates: [0.5, 16, 3] });
    expect(parseSweepSpec('concurrency=1,4,16')).toEqual({ kind: 'concurrency', concurrencies: [1, 4, 16] });
    expect(parseSweepSpec('MAX-RATE')).toEqual({ kind: 'max-rate' });
  });

  it('names the flag, quotes the text and says what was expected', () => {
    expect(() => parseSweepSpec('rates=1,2')).toThrow(`--sweep "rates=1,2": expected 'rate=R1,R2,…' (requests per second), 'concurrency=C1,C2,…' or 'max-rate'`);
    expect(() => parseSweepSpec('rate=')).toThrow('--sweep "rate=": no rates listed');
    expect(() => parseSweepSpec('rate=1,,2')).toThrow('--sweep "rate=1,,2": each rate must be a number from 0.001 to 10000 requests per second, got ""');
    expect(() => parseSweepSpec('rate=1,fast')).toThrow('got "fast"');
    expect(() => parseSweepSpec('rate=0')).toThrow('got "0"');
    expect(() => parseSweepSpec('concurrency=1,2.5')).toThrow('--sweep "concurrency=1,2.5": each concurrency must be an integer from 1 to 10000, got "2.5"');
    expect(() => parseSweepSpec('rate=2,4,2')).toThrow('--sweep "rate=2,4,2": rate 2 is listed twice');
    expect(() => parseSweepSpec(`rate=${Array.from({ length: 33 }, (_, index) => index + 1).join(',')}`)).toThrow('33 steps; at most 32');
  });

  it("names the eval file's key and line when the spec came from there", () => {
    expect(() => parseSweepSpec('rate=x', 'llm-bench.yaml:7: load.sweep')).toThrow('llm-bench.yaml:7: load.sweep "rate=x": each rate must be');
  });

  it('formats a spec back to the text it came from', () => {
    for (const text of ['rate=1,2.5,8', 'concurrency=1,4', 'max-rate']) expect(formatSweepSpec(parseSweepSpec(text))).toBe(text);
  });
});
