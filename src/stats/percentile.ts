/**
 * The p-th percentile (0..100) with linear interpolation between the closest ranks: NumPy's
 * default method, the one vLLM's serving benchmark reports, so our figures compare with theirs.
 * Undefined for no values.
 */
export function percentile(values: readonly number[], p: number): number | undefined {
  if (!(p >= 0 && p <= 100)) {
    throw new RangeError(`Expected \`p\` to be a number from 0 to 100, got \`${p}\` (${typeof p})`);
  }
  if (values.length === 0) return undefined;
  const sorted = values.toSorted((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const lower = Math.floor(rank);
  const upper = Math.ceil(rank);
  const lowerValue = sorted[lower]!;
  const upperValue = sorted[upper]!;
  return lowerValue + (upperValue - lowerValue) * (rank - lower);
}
