/** The largest sample a gate sizes for: past it, a sample size is not worth stating. */
export const largestSampleSize = 100_000;

/**
 * The fewest cases (from 2) for which `reaches(n)` holds, by bisection: for a power that rises
 * with n. Undefined when even `largestSampleSize` does not reach it.
 */
export function smallestSampleSize(reaches: (n: number) => boolean): number | undefined {
  if (!reaches(largestSampleSize)) return undefined;
  let low = 2;
  let high = largestSampleSize;
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    if (reaches(middle)) high = middle;
    else low = middle + 1;
  }
  return low;
}
