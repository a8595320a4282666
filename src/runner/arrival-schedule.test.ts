import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { describe, expect, it } from 'vitest';
import { arrivalSchedule, sampleGamma, seededGenerator } from './arrival-schedule.ts';

const gapsOf = (offsets: Float64Array) => Array.from(offsets.subarray(1), (at, index) => at - offsets[index]!);
const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
const cv = (values: number[]) => {
  const average = mean(values);
  return Math.sqrt(mean(values.map((value) => (value - average) ** 2))) / average;
};

describe('arrivalSchedule', () => {
  it('constant: slot i at i/rate, from 0', () => {
    expect(Array.from(arrivalSchedule(4, { process: 'constant', ratePerSecond: 4, seed: 1 }))).toEqual([0, 250, 500, 750]);
  });

  it('poisson: the same seed gives the same offsets, another seed others, and a longer schedule starts with the shorter one', () => {
    const options = { process: 'poisson' as const, ratePerSecond: 10, seed: 7 };
    const short = Array.from(arrivalSchedule(5, options));
    expect(short[0]).toBe(0);
    expect(Array.from(arrivalSchedule(5, options))).toEqual(short);
    expect(Array.from(arrivalSchedule(50, options)).slice(0, 5)).toEqual(short);
    expect(Array.from(arrivalSchedule(5, { ...options, seed: 8 }))).not.toEqual(short);
    // Exact: exponential gaps from the seed's generator (xoroshiro128+, scrambled seed 7), −ln(1 − u)·100 ms.
    const generator = seededGenerator(7);
    let at = 0;
    const expected = [0, ...Array.from({ length: 4 }, () => (at += -Math.log(1 - uniformFloat64(generator)) * 100))];
    expect(short).toEqual(expected);
  });

  it('poisson: gaps average 1/rate with a coefficient of variation near 1', () => {
    const gaps = gapsOf(arrivalSchedule(20_001, { process: 'poisson', ratePerSecond: 50, seed: 3 }));
    expect(mean(gaps)).toBeGreaterThan(19.4);
    expect(mean(gaps)).toBeLessThan(20.6);
    expect(cv(gaps)).toBeGreaterThan(0.96);
    expect(cv(gaps)).toBeLessThan(1.04);
  });

  it.each([0.25, 0.5, 1, 4])('gamma with burstiness %s: gaps average 1/rate with CV ≈ 1/√burstiness', (burstiness) => {
    const gaps = gapsOf(arrivalSchedule(40_001, { process: 'gamma', ratePerSecond: 10, burstiness, seed: 11 }));
    expect(mean(gaps) / 100).toBeGreaterThan(0.96);
    expect(mean(gaps) / 100).toBeLessThan(1.04);
    const expected = 1 / Math.sqrt(burstiness);
    expect(cv(gaps) / expected).toBeGreaterThan(0.95);
    expect(cv(gaps) / expected).toBeLessThan(1.05);
  });

  it('gamma: reproducible from its seed, every gap ≥ 0 and drawn anew', () => {
    const options = { process: 'gamma' as const, ratePerSecond: 10, burstiness: 0.5, seed: 5 };
    expect(Array.from(arrivalSchedule(20, options))).toEqual(Array.from(arrivalSchedule(20, options)));
    const gaps = gapsOf(arrivalSchedule(20, options));
    expect(gaps.every((gap) => gap >= 0)).toBe(true);
    expect(new Set(gaps).size).toBe(19);
  });

  it('ramp-up: the rate rises linearly from 0 over the span (arrivals by t = rate·t²/2R), then holds', () => {
    const offsets = arrivalSchedule(71, { process: 'constant', ratePerSecond: 10, rampUpSeconds: 10, seed: 1 });
    // Slot i of the unramped process is at i·100 ms; on the ramp it lands at √(2R·i·100).
    expect(offsets[1]).toBeCloseTo(Math.sqrt(2 * 10_000 * 100), 9);
    expect(offsets[50]).toBeCloseTo(10_000, 9);
    expect(offsets[60]).toBeCloseTo(11_000, 9);
    expect(offsets[70]! - offsets[69]!).toBeCloseTo(100, 9);
    // Gaps shrink through the ramp: the first is far longer than one at full rate.
    expect(offsets[1]! - offsets[0]!).toBeGreaterThan(10 * (offsets[50]! - offsets[49]!));
    const counted = Array.from(offsets).filter((at) => at <= 5000).length - 1;
    expect(counted).toBe(Math.floor((10 * 5 * 5) / (2 * 10)));
  });

  it('ramp-up on a poisson schedule bends the same draws: past the ramp, the gaps are the unramped ones', () => {
    const base = arrivalSchedule(200, { process: 'poisson', ratePerSecond: 20, seed: 9 });
    const ramped = arrivalSchedule(200, { process: 'poisson', ratePerSecond: 20, rampUpSeconds: 2, seed: 9 });
    const last = base.length - 1;
    expect(base[last]!).toBeGreaterThan(1000);
    expect(ramped[last]).toBeCloseTo(base[last]! + 1000, 9);
    expect(Array.from(ramped).every((at, index) => index === 0 || at >= ramped[index - 1]!)).toBe(true);
  });

  it('refuses a rate or burstiness that is not a positive number', () => {
    expect(() => arrivalSchedule(3, { process: 'poisson', ratePerSecond: 0, seed: 1 })).toThrow(RangeError);
    expect(() => arrivalSchedule(3, { process: 'gamma', ratePerSecond: 1, burstiness: 0, seed: 1 })).toThrow(RangeError);
    expect(() => arrivalSchedule(3, { process: 'constant', ratePerSecond: Infinity, seed: 1 })).toThrow(RangeError);
  });
});

describe('sampleGamma', () => {
  it('has mean = shape for shapes below and above 1', () => {
    const generator = seededGenerator(2);
    const uniform = () => uniformFloat64(generator);
    for (const shape of [0.3, 2.5]) {
      const draws = Array.from({ length: 40_000 }, () => sampleGamma(uniform, shape));
      expect(mean(draws) / shape).toBeGreaterThan(0.97);
      expect(mean(draws) / shape).toBeLessThan(1.03);
    }
  });
});

describe('arrivalSchedule: the seed', () => {
  it('gives no seed an outlying first gap: the first gaps over 500 seeds average 1/rate, as later ones do', () => {
    // xoroshiro128+ seeded with a small integer drew ~1.0 first: every run's second request came
    // 18 mean gaps after the first, an idle start that distorted every sweep step.
    const meanGap = (index: number) => {
      let sum = 0;
      for (let seed = 0; seed < 500; seed++) {
        const offsets = arrivalSchedule(index + 1, { process: 'poisson', ratePerSecond: 1, seed });
        sum += offsets[index]! - offsets[index - 1]!;
      }
      return sum / 500;
    };
    for (const index of [1, 2, 3]) expect(meanGap(index)).toBeGreaterThan(850);
    for (const index of [1, 2, 3]) expect(meanGap(index)).toBeLessThan(1150);
  });
});
