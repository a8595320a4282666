/**
 * The empirical CDF of sorted values as at most `most` points (x, share of values ≤ x) after a
 * start at 0, for a step line: it rises from 0 at the first value (so a single answer still draws
 * a line), through evenly spaced ranks, always the first and the last, so the line keeps its ends
 * and its shape while a 10,000-value series draws as a few hundred points.
 */
export function ecdfPoints(sorted: readonly number[], most: number): Array<{ x: number; y: number }> {
  const n = sorted.length;
  if (n === 0) return [];
  const count = Math.max(2, Math.min(n, most));
  const points: Array<{ x: number; y: number }> = [{ x: sorted[0]!, y: 0 }];
  let previous = -1;
  for (let step = 0; step < count; step++) {
    const rank = Math.round((step * (n - 1)) / (count - 1));
    if (rank === previous) continue;
    previous = rank;
    points.push({ x: sorted[rank]!, y: (rank + 1) / n });
  }
  return points;
}
