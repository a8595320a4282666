import { describe, expect, it } from 'vitest';
import { binomialBound, binomialCdf, binomialPmf, binomialSf, binomialTail, clopperPearson } from './binomial.ts';
import { exactBinomialPmf, exactBinomialTail, toNumber } from './test/exact-binomial.ts';

/** Relative difference, for values that may be tiny. */
function relative(actual: number, expected: number): number {
  return expected === 0 ? Math.abs(actual) : Math.abs(actual - expected) / Math.abs(expected);
}

describe('binomialPmf', () => {
  it('matches exact rational arithmetic, tails included', () => {
    for (const [n, numerator, denominator] of [[10, 3, 10], [37, 1, 2], [200, 1, 4], [1000, 1, 2], [500, 99, 100]] as const) {
      for (let k = 0; k <= n; k += Math.max(1, Math.floor(n / 40))) {
        const exact = toNumber(exactBinomialPmf(k, n, numerator, denominator));
        expect(relative(binomialPmf(k, n, numerator / denominator), exact), `pmf(${k}; ${n}, ${numerator}/${denominator})`).toBeLessThan(1e-12);
      }
    }
  });

  it('does not overflow at n = 100,000', () => {
    // C(2m, m) / 4^m = (1 − 1/(8m) + 1/(128m²)) / √(πm), exact to 1e-16 at m = 50,000.
    const m = 50_000;
    const central = (1 - 1 / (8 * m) + 1 / (128 * m * m)) / Math.sqrt(Math.PI * m);
    expect(relative(binomialPmf(m, 2 * m, 0.5), central)).toBeLessThan(1e-12);
    expect(binomialPmf(0, 100_000, 0.5)).toBe(0);
  });

  it('is exact at p = 0 and p = 1 and 0 off the support', () => {
    expect(binomialPmf(0, 5, 0)).toBe(1);
    expect(binomialPmf(1, 5, 0)).toBe(0);
    expect(binomialPmf(5, 5, 1)).toBe(1);
    expect(binomialPmf(4, 5, 1)).toBe(0);
    expect(binomialPmf(6, 5, 0.5)).toBe(0);
    expect(binomialPmf(2.5, 5, 0.5)).toBe(0);
    expect(binomialPmf(0, 0, 0.3)).toBe(1);
  });

  it('refuses impossible arguments', () => {
    expect(() => binomialPmf(1, 5, 1.5)).toThrow('Expected `p` to be a probability from 0 to 1, got `1.5` (number)');
    expect(() => binomialPmf(1, -1, 0.5)).toThrow(RangeError);
  });
});

describe('binomialCdf and binomialSf', () => {
  it('match exact sums from both tails', () => {
    for (const [n, numerator, denominator] of [[10, 3, 10], [40, 1, 2], [300, 1, 10], [1000, 1, 2]] as const) {
      for (let k = 0; k <= n; k += Math.max(1, Math.floor(n / 50))) {
        const lower = toNumber(exactBinomialTail(k, n, numerator, denominator, 'lower'));
        const upper = toNumber(exactBinomialTail(k, n, numerator, denominator, 'upper'));
        expect(relative(binomialCdf(k, n, numerator / denominator), lower), `cdf(${k}; ${n})`).toBeLessThan(1e-12);
        expect(relative(binomialSf(k, n, numerator / denominator), upper), `sf(${k}; ${n})`).toBeLessThan(1e-12);
      }
    }
  });

  it('gives the published McNemar tail: 0 of 10 at one half', () => {
    expect(binomialCdf(0, 10, 0.5)).toBe(1 / 1024);
    expect(binomialSf(10, 10, 0.5)).toBe(1 / 1024);
    expect(binomialCdf(2, 10, 0.5)).toBeCloseTo(56 / 1024, 15);
  });

  it('keeps the digits of a tiny tail at n = 100,000', () => {
    const tail = binomialCdf(49_000, 100_000, 0.5);
    expect(tail).toBeGreaterThan(0);
    expect(tail).toBeLessThan(1e-9);
    expect(binomialSf(51_000, 100_000, 0.5)).toBeCloseTo(tail, 20);
    expect(binomialCdf(50_000, 100_000, 0.5) + binomialSf(50_001, 100_000, 0.5)).toBeCloseTo(1, 14);
  });

  it("matches SciPy's binom at large n", () => {
    expect(relative(binomialCdf(49_000, 100_000, 0.5), 1.2943580191734472e-10)).toBeLessThan(1e-12);
    expect(relative(binomialCdf(8_800, 10_000, 0.9), 4.802632937312767e-11)).toBeLessThan(1e-12);
    expect(relative(binomialPmf(3, 100_000, 0.0001), 0.007564914689303213)).toBeLessThan(1e-12);
  });

  it('handles the ends', () => {
    expect(binomialCdf(-1, 5, 0.5)).toBe(0);
    expect(binomialCdf(5, 5, 0.5)).toBe(1);
    expect(binomialSf(0, 5, 0.5)).toBe(1);
    expect(binomialSf(6, 5, 0.5)).toBe(0);
    expect(binomialCdf(0, 5, 0)).toBe(1);
    expect(binomialCdf(4, 5, 1)).toBe(0);
    expect(binomialSf(1, 5, 0)).toBe(0);
    expect(binomialSf(5, 5, 1)).toBe(1);
  });
});

describe('binomialTail', () => {
  it('counts half of the observed outcome with mid-p', () => {
    expect(binomialTail(1, 10, 0.5, 'lower')).toBeCloseTo(11 / 1024, 15);
    expect(binomialTail(1, 10, 0.5, 'lower', true)).toBeCloseTo(1 / 1024 + 5 / 1024, 15);
    expect(binomialTail(9, 10, 0.5, 'upper', true)).toBeCloseTo(1 / 1024 + 5 / 1024, 15);
  });
});

describe('clopperPearson', () => {
  it('gives the published exact interval for 3 of 10', () => {
    const interval = clopperPearson(3, 10);
    expect(interval.low).toBeCloseTo(0.06673951, 8);
    expect(interval.high).toBeCloseTo(0.6524529, 7);
  });

  it('has each tail equal to (1 − level)/2 at its bounds', () => {
    for (const [x, n, level] of [[3, 10, 0.95], [17, 40, 0.9], [1, 200, 0.99], [150, 151, 0.95]] as const) {
      const tail = (1 - level) / 2;
      for (const midP of [false, true]) {
        const { low, high } = clopperPearson(x, n, level, { midP });
        expect(binomialTail(x, n, low, 'upper', midP)).toBeCloseTo(tail, 10);
        expect(binomialTail(x, n, high, 'lower', midP)).toBeCloseTo(tail, 10);
      }
    }
  });

  it('has exact ends, and the mid-p ends in closed form', () => {
    expect(clopperPearson(0, 20).low).toBe(0);
    expect(clopperPearson(20, 20).high).toBe(1);
    expect(clopperPearson(0, 20, 0.95, { midP: true }).low).toBe(0);
    expect(clopperPearson(20, 20, 0.95, { midP: true }).high).toBe(1);
    // Exact: (1 − U)^n = tail. Mid-p: ½(1 − U)^n = tail.
    expect(clopperPearson(0, 20).high).toBeCloseTo(1 - 0.025 ** (1 / 20), 12);
    expect(clopperPearson(0, 20, 0.95, { midP: true }).high).toBeCloseTo(1 - 0.05 ** (1 / 20), 11);
    expect(clopperPearson(20, 20, 0.95, { midP: true }).low).toBeCloseTo(0.05 ** (1 / 20), 11);
  });

  it("gives the mid-p interval SciPy's root finder gives for 7 of 30", () => {
    const { low, high } = clopperPearson(7, 30, 0.95, { midP: true });
    expect(low).toBeCloseTo(0.10818411223651296, 11);
    expect(high).toBeCloseTo(0.407892083964053, 11);
  });

  it('is narrower with mid-p', () => {
    const exact = clopperPearson(7, 30);
    const midP = clopperPearson(7, 30, 0.95, { midP: true });
    expect(midP.low).toBeGreaterThan(exact.low);
    expect(midP.high).toBeLessThan(exact.high);
  });

  it('agrees with the bisection on the tail sums', () => {
    for (const [x, n] of [[3, 10], [0, 5], [5, 5], [40, 90], [2, 1000]] as const) {
      const { low, high } = clopperPearson(x, n);
      expect(binomialBound(x, n, 0.025, 'lower')).toBeCloseTo(low, 10);
      expect(binomialBound(x, n, 0.025, 'upper')).toBeCloseTo(high, 10);
    }
  });

  it('refuses no trials and impossible levels', () => {
    expect(() => clopperPearson(0, 0)).toThrow('Expected `n` to be an integer >= 1, got `0` (number)');
    expect(() => clopperPearson(3, 10, 1)).toThrow('Expected `level` to be a number between 0 and 1, got `1` (number)');
    expect(() => clopperPearson(11, 10)).toThrow(RangeError);
  });
});

describe('binomialBound', () => {
  it('puts the pivot on the side its own p-value says, even at a near tie', () => {
    // A tail equal to the p-value at ½ keeps ½ inside; the next double above it puts ½ outside.
    const pValue = binomialTail(2, 10, 0.5, 'lower');
    expect(binomialBound(2, 10, pValue, 'upper')).toBeGreaterThan(0.5);
    expect(binomialBound(2, 10, pValue * (1 + 2 ** -52), 'upper')).toBeLessThan(0.5);
    const midP = binomialTail(8, 10, 0.5, 'upper', true);
    expect(binomialBound(8, 10, midP, 'lower', { midP: true })).toBeLessThan(0.5);
    expect(binomialBound(8, 10, midP * (1 + 2 ** -52), 'lower', { midP: true })).toBeGreaterThan(0.5);
  });
});
