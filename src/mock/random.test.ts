import { describe, expect, it } from 'vitest';
import { createRandom, hashString, sampleLogNormal } from './random.ts';

describe('seeded random', () => {
  it('repeats a sequence for a seed and differs across seeds', () => {
    const first = createRandom(42);
    const again = createRandom(42);
    const other = createRandom(43);
    const draws = Array.from({ length: 5 }, () => first());
    expect(Array.from({ length: 5 }, () => again())).toEqual(draws);
    expect(Array.from({ length: 5 }, () => other())).not.toEqual(draws);
    for (const draw of draws) expect(draw >= 0 && draw < 1).toBe(true);
    expect(hashString('gpt-4o')).not.toBe(hashString('gpt-4o-mini'));
  });

  it('draws a log-normal with the given median and 90th percentile', () => {
    const random = createRandom(1);
    const samples = Array.from({ length: 20_000 }, () => sampleLogNormal(random, 350, 700)).sort((a, b) => a - b);
    expect(samples[10_000]!).toBeGreaterThan(340);
    expect(samples[10_000]!).toBeLessThan(360);
    expect(samples[18_000]!).toBeGreaterThan(680);
    expect(samples[18_000]!).toBeLessThan(720);
  });

  it('is constant when p50 equals p90, and still consumes two draws', () => {
    const random = createRandom(5);
    const reference = createRandom(5);
    expect(sampleLogNormal(random, 200, 200)).toBe(200);
    reference();
    reference();
    expect(random()).toBe(reference());
  });
});
