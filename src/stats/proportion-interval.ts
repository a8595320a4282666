export type Interval = { low: number; high: number };

/** The normal quantile for a two-sided 95% interval. */
const z = 1.959963984540054;

/**
 * The Wilson score 95% interval for a proportion `successes / n`. Unlike the normal
 * approximation it stays inside 0..1 and is still useful at 0% or 100% with few trials,
 * which is common for a benchmark of a few dozen cases. Undefined when n is 0.
 */
export function proportionInterval(successes: number, n: number): Interval | undefined {
  if (!(Number.isInteger(n) && n >= 0)) {
    throw new RangeError(`Expected \`n\` to be an integer >= 0, got \`${n}\` (${typeof n})`);
  }
  if (!(Number.isInteger(successes) && successes >= 0 && successes <= n)) {
    throw new RangeError(`Expected \`successes\` to be an integer from 0 to ${n}, got \`${successes}\` (${typeof successes})`);
  }
  if (n === 0) return undefined;
  return wilsonInterval(successes / n, n, z);
}

/**
 * Wilson's score interval for a proportion `rate` over `n` trials at normal quantile `z`; `n` need
 * not be whole (an effective number of cases, say). Exact at the ends, where rounding would
 * otherwise give 1e-17 or 0.9999999999999999.
 */
export function wilsonInterval(rate: number, n: number, zQuantile: number): Interval {
  const zSquared = zQuantile * zQuantile;
  const denominator = 1 + zSquared / n;
  const center = (rate + zSquared / (2 * n)) / denominator;
  const halfWidth = (zQuantile * Math.sqrt((rate * (1 - rate)) / n + zSquared / (4 * n * n))) / denominator;
  return {
    low: rate === 0 ? 0 : Math.max(0, center - halfWidth),
    high: rate === 1 ? 1 : Math.min(1, center + halfWidth),
  };
}
