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

/** PASS when the estimate itself lies in the target: no allowance is made for Monte Carlo error. */
export function verdict(value: Tally, target: Target): 'PASS' | 'MISS' {
  const percent = share(value) * 100;
  const aboveLow = target.low === undefined || percent >= target.low;
  const belowHigh = target.high === undefined || percent <= target.high;
  return aboveLow && belowHigh ? 'PASS' : 'MISS';
}

/** The columns every estimate's row ends with. */
export function estimateColumns(value: Tally, target: Target, name = 'estimate'): Record<string, string> {
  return { [name]: percentText(share(value)), '± MC se': `${standardError(value).toFixed(2)}`, sims: String(value.trials), target: targetText(target), result: verdict(value, target) };
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
