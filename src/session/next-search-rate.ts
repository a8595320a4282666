import { limits } from '../config/limits.ts';

/** A step of `--sweep max-rate` done: the rate it ran at and whether it met the SLO. */
export type SearchedRate = { rate: number; meets: boolean };

/** At most this many steps; the search also ends once the rates bracket the answer within `precision`. */
export const maxSearchSteps = 8;

/**
 * `--sweep max-rate`'s next rate, or undefined when the search is done: from `start`, double while
 * every step meets the SLO (halve while none does), then bisect between the highest rate that met
 * and the lowest above it that missed, until they are within `precision` (a share of the higher),
 * or `maxSteps` steps have run. Rates are kept to 3 significant digits, so folder names stay short.
 */
export function nextSearchRate(tried: readonly SearchedRate[], start: number, { maxSteps = maxSearchSteps, precision = 0.1 } = {}): number | undefined {
  if (tried.length === 0) return start;
  if (tried.length >= maxSteps) return undefined;
  const met = tried.filter((step) => step.meets).map((step) => step.rate);
  const low = met.length > 0 ? Math.max(...met) : undefined;
  const above = tried.filter((step) => !step.meets && (low === undefined || step.rate > low)).map((step) => step.rate);
  const high = above.length > 0 ? Math.min(...above) : undefined;
  let next: number;
  if (high === undefined) {
    if (low! >= limits.rate.maximum) return undefined;
    next = Math.min(low! * 2, limits.rate.maximum);
  } else if (low === undefined) {
    next = high / 2;
    if (next < limits.rate.minimum) return undefined;
  } else {
    if ((high - low) / high <= precision) return undefined;
    next = (low + high) / 2;
  }
  const rounded = Number(next.toPrecision(3));
  return tried.some((step) => step.rate === rounded) ? undefined : rounded;
}

/** The highest rate whose step met the SLO; undefined when none did. */
export function highestMetRate(tried: readonly SearchedRate[]): number | undefined {
  const met = tried.filter((step) => step.meets).map((step) => step.rate);
  return met.length > 0 ? Math.max(...met) : undefined;
}
