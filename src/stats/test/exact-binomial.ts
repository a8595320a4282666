/**
 * Binomial probabilities in exact rational arithmetic (BigInt), the independent reference the
 * statistics' unit tests compare against: a rate is numerator/denominator.
 */
export type Fraction = { numerator: bigint; denominator: bigint };

/** C(n, k) as a BigInt. */
export function choose(n: number, k: number): bigint {
  if (k < 0 || k > n) return 0n;
  let result = 1n;
  const smaller = Math.min(k, n - k);
  for (let i = 1; i <= smaller; i++) result = (result * BigInt(n - smaller + i)) / BigInt(i);
  return result;
}

/** P(X = k) for X ~ Binomial(n, numerator/denominator), exactly. */
export function exactBinomialPmf(k: number, n: number, numerator: number, denominator: number): Fraction {
  const a = BigInt(numerator);
  const b = BigInt(denominator);
  return { numerator: choose(n, k) * a ** BigInt(k) * (b - a) ** BigInt(n - k), denominator: b ** BigInt(n) };
}

/** P(X ≤ k) ('lower') or P(X ≥ k) ('upper'), exactly. */
export function exactBinomialTail(k: number, n: number, numerator: number, denominator: number, side: 'lower' | 'upper'): Fraction {
  const a = BigInt(numerator);
  const c = BigInt(denominator) - a;
  const from = Math.max(0, side === 'lower' ? 0 : k);
  const to = Math.min(n, side === 'lower' ? k : n);
  if (from > to) return { numerator: 0n, denominator: BigInt(denominator) ** BigInt(n) };
  // C(n, i)·a^i·c^(n−i) from the previous term: ·(n − i + 1)·a / (i·c), an exact division.
  let term = exactBinomialPmf(from, n, numerator, denominator).numerator;
  let sum = term;
  for (let i = from + 1; i <= to; i++) {
    term = (term * BigInt(n - i + 1) * a) / (BigInt(i) * c);
    sum += term;
  }
  return { numerator: sum, denominator: BigInt(denominator) ** BigInt(n) };
}

/** The double nearest a fraction, with full relative precision however small it is. */
export function toNumber(fraction: Fraction): number {
  if (fraction.numerator === 0n) return 0;
  const shift = fraction.denominator.toString(2).length - fraction.numerator.toString(2).length + 80;
  const scaled = shift >= 0 ? (fraction.numerator << BigInt(shift)) / fraction.denominator : fraction.numerator / (fraction.denominator << BigInt(-shift));
  // 2^-shift applied in steps that stay within the double range.
  let value = Number(scaled);
  let remaining = shift;
  while (remaining > 0) {
    const step = Math.min(remaining, 1000);
    value *= 2 ** -step;
    remaining -= step;
  }
  while (remaining < 0) {
    const step = Math.min(-remaining, 1000);
    value *= 2 ** step;
    remaining += step;
  }
  return value;
}
