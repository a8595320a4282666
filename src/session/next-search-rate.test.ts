import { describe, expect, it } from 'vitest';
import { highestMetRate, nextSearchRate, type SearchedRate } from './next-search-rate.ts';

/** Runs the search against a server that meets the SLO up to `capacity` requests/s. */
function search(start: number, capacity: number): SearchedRate[] {
  const tried: SearchedRate[] = [];
  for (let rate = nextSearchRate(tried, start); rate !== undefined; rate = nextSearchRate(tried, start)) tried.push({ rate, meets: rate <= capacity });
  return tried;
}

describe('nextSearchRate', () => {
  it('doubles from the start until a step misses, then bisects, in at most 8 steps', () => {
    const tried = search(1, 11);
    expect(tried.map((step) => step.rate)).toEqual([1, 2, 4, 8, 16, 12, 10, 11]);
    expect(highestMetRate(tried)).toBe(11);
  });

  it('stops once the bracket is within 10% of its top', () => {
    const tried = search(10, 25);
    expect(tried.map((step) => step.rate)).toEqual([10, 20, 40, 30, 25, 27.5]);
    expect(highestMetRate(tried)).toBe(25);
  });

  it('halves from the start while nothing meets, then bisects', () => {
    const tried = search(8, 1.5);
    expect(tried.map((step) => step.rate)).toEqual([8, 4, 2, 1, 1.5, 1.75, 1.63]);
    expect(highestMetRate(tried)).toBe(1.5);
  });

  it('reports no rate when even the lowest step misses', () => {
    const tried = search(1, 0);
    expect(tried).toHaveLength(8);
    expect(highestMetRate(tried)).toBeUndefined();
  });
});
