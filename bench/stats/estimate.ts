/** A Monte Carlo share: how many of `trials` simulated outcomes showed the event. */
export type Tally = { hits: number; trials: number };

export const tally = (): Tally => ({ hits: 0, trials: 0 });

export function count(target: Tally, hit: boolean): void {
  target.trials++;
  if (hit) target.hits++;
}

/** A target range in percent; either end may be open. */
export type Target = { low?: number; high?: number };

export const share = (value: Tally) => (value.trials === 0 ? Number.NaN : value.hits / value.trials);

/** The Monte Carlo standard error of the share, in points: √(p(1 − p)/N). */
export const standardError = (value: Tally) => Math.sqrt((share(value) * (1 - share(value))) / value.trials) * 100;

export const percentText = (value: number, digits = 2) => `${(value * 100).toFixed(digits)}%`;

export function targetText(target: Target): string {
  if (target.low !== undefined && target.high !== undefined) return `${target.low}–${target.high}%`;
  if (target.low !== undefined) return `≥ ${target.low}%`;
  return `≤ ${target.high}%`;
}

/**
 * PASS when the figure lies in the target: the exact figure where the model gives one, else the
 * estimate itself. No allowance is made for Monte Carlo error.
 */
export function verdict(percent: number, target: Target): 'PASS' | 'MISS' {
  const aboveLow = target.low === undefined || percent >= target.low;
  const belowHigh = target.high === undefined || percent <= target.high;
  return aboveLow && belowHigh ? 'PASS' : 'MISS';
}

/**
 * Rows whose figure is also known exactly, and whether the simulation came within 3 standard
 * errors of it: a check of the simulator itself, printed with the agreement table.
 */
export const simulatorCheck: Tally = tally();

/**
 * The columns every estimate's row ends with. `exact`, when the model gives the figure as a
 * binomial sum (one repeat: the cases pass independently at the population mean), is shown beside
 * the estimate and decides the result; `null` leaves the column empty in a table that has one.
 */
export function estimateColumns(value: Tally, target: Target, name = 'estimate', exact?: number | null): Record<string, string> {
  const columns: Record<string, string> = {};
  if (exact !== undefined) columns.exact = exact === null ? '' : percentText(exact);
  if (typeof exact === 'number') count(simulatorCheck, Math.abs(share(value) - exact) * 100 <= 3 * Math.max(standardError(value), 100 / value.trials));
  const decided = typeof exact === 'number' ? exact : share(value);
  return { ...columns, [name]: percentText(share(value)), '± MC se': `${standardError(value).toFixed(2)}`, sims: String(value.trials), target: targetText(target), result: verdict(decided * 100, target) };
}

/** Every interval-and-test pair whose decisions were compared, across all the simulations. */
export class Agreement {
  readonly checks = new Map<string, Tally>();

  record(name: string, agrees: boolean): void {
    let entry = this.checks.get(name);
    if (!entry) this.checks.set(name, (entry = tally()));
    count(entry, agrees);
  }
}
