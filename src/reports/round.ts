/** Rounds to at most `decimals` places: measurement noise below a microsecond is not information. */
export function round(value: number | undefined, decimals: number): number | undefined {
  if (value === undefined) return undefined;
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

/**
 * Keeps 12 significant digits, which drops binary floating-point noise (a sum of costs giving
 * 0.12300000000000001) without touching any figure we could have measured.
 */
export function roundSignificant(value: number | undefined): number | undefined {
  return value === undefined || !Number.isFinite(value) ? value : Number(value.toPrecision(12));
}
