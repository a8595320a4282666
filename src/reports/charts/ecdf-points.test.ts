import { describe, expect, it } from 'vitest';
import { ecdfPoints } from './ecdf-points.ts';

describe('ecdfPoints', () => {
  it('keeps every value of a short series, each at the share of values at or below it', () => {
    expect(ecdfPoints([10, 20, 20, 40], 300)).toEqual([
      { x: 10, y: 0 },
      { x: 10, y: 0.25 },
      { x: 20, y: 0.5 },
      { x: 20, y: 0.75 },
      { x: 40, y: 1 },
    ]);
    expect(ecdfPoints([7], 300)).toEqual([{ x: 7, y: 0 }, { x: 7, y: 1 }]);
    expect(ecdfPoints([], 300)).toEqual([]);
  });

  it('draws a long series through at most `most` evenly spaced ranks after its start, its first and last included', () => {
    const sorted = Array.from({ length: 10_000 }, (_, index) => index * 2);
    const points = ecdfPoints(sorted, 101);
    expect(points).toHaveLength(102);
    expect(points[0]).toEqual({ x: 0, y: 0 });
    expect(points[1]).toEqual({ x: 0, y: 1 / 10_000 });
    expect(points[51]).toEqual({ x: 2 * Math.round(50 * 9999 / 100), y: (Math.round(50 * 9999 / 100) + 1) / 10_000 });
    expect(points.at(-1)).toEqual({ x: 19_998, y: 1 });
  });
});
