/**
 * A linear axis's ticks over [low, high], about `count` of them at a round step (1, 2 or 5 times
 * a power of ten, as d3 and Plot choose), with the decimals that step needs: labels formatted to
 * them read apart and say where their tick is (1.5 ms, not "2 ms" twice).
 */
export function linearTicks(low: number, high: number, count: number): { ticks: number[]; decimals: number } {
  if (!(high > low)) return { ticks: [low], decimals: ownDecimals(low) };
  const rough = (high - low) / count;
  const power = Math.floor(Math.log10(rough));
  const error = rough / 10 ** power;
  const factor = error >= Math.sqrt(50) ? 10 : error >= Math.sqrt(10) ? 5 : error >= Math.sqrt(2) ? 2 : 1;
  // A step below 1 is held as its inverse, so that ticks are whole numbers divided (0.3, not 0.30000000000000004).
  const inverse = power < 0 ? 10 ** -power / factor : undefined;
  const step = inverse === undefined ? factor * 10 ** power : 1 / inverse;
  const first = Math.ceil(low / step - 1e-9);
  const last = Math.floor(high / step + 1e-9);
  const ticks = Array.from({ length: last - first + 1 }, (_, index) => (inverse === undefined ? (first + index) * step : (first + index) / inverse));
  return { ticks, decimals: Math.max(0, -Math.floor(Math.log10(step) + 1e-9)) };
}

/**
 * The decimals a value needs on its own, to three significant digits without trailing zeros: a
 * log axis's tick (1–9 times a power of ten: 0.05 needs two, 20 none), or an axis's one tick.
 */
export function ownDecimals(value: number): number {
  if (value === 0 || !Number.isFinite(value)) return 0;
  let decimals = Math.min(12, Math.max(0, 2 - Math.floor(Math.log10(Math.abs(value)))));
  while (decimals > 0 && Number(value.toFixed(decimals - 1)) === Number(value.toFixed(decimals))) decimals--;
  return decimals;
}
