/**
 * The p-th percentile (0..100) of the first `length` values of `buffer`, by linear interpolation
 * between the closest ranks: the same figure as `percentile` (NumPy's default method), found by
 * selection in O(n) instead of a sort. Reorders those values in place. For a bootstrap, which
 * asks thousands of resamples for a median. Undefined for no values; the values must not be NaN.
 */
export function selectPercentile(buffer: Float64Array, length: number, p: number): number | undefined {
  if (!(p >= 0 && p <= 100)) throw new RangeError(`Expected \`p\` to be a number from 0 to 100, got \`${p}\` (${typeof p})`);
  if (!(Number.isInteger(length) && length >= 0 && length <= buffer.length)) throw new RangeError(`Expected \`length\` to be an integer from 0 to ${buffer.length}, got \`${length}\``);
  if (length === 0) return undefined;
  const rank = (p / 100) * (length - 1);
  const lower = Math.floor(rank);
  const lowerValue = select(buffer, length, lower);
  if (rank === lower) return lowerValue;
  // After selection everything past `lower` is at least its value: the next rank is their least.
  let upperValue = Infinity;
  for (let index = lower + 1; index < length; index++) if (buffer[index]! < upperValue) upperValue = buffer[index]!;
  return lowerValue + (upperValue - lowerValue) * (rank - lower);
}

/** Hoare's selection with a median-of-three pivot: puts the k-th smallest at k, smaller ones before it, larger after. */
function select(values: Float64Array, length: number, k: number): number {
  let left = 0;
  let right = length - 1;
  while (right > left) {
    const middle = (left + right) >>> 1;
    // Order left, middle, right, and take the middle one as the pivot.
    if (values[middle]! < values[left]!) swap(values, middle, left);
    if (values[right]! < values[left]!) swap(values, right, left);
    if (values[right]! < values[middle]!) swap(values, right, middle);
    const pivot = values[middle]!;
    let i = left;
    let j = right;
    while (i <= j) {
      while (values[i]! < pivot) i++;
      while (values[j]! > pivot) j--;
      if (i <= j) {
        swap(values, i, j);
        i++;
        j--;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else break;
  }
  return values[k]!;
}

function swap(values: Float64Array, a: number, b: number): void {
  const held = values[a]!;
  values[a] = values[b]!;
  values[b] = held;
}
