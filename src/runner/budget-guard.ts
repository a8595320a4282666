/**
 * `--max-cost`: an attempt may start only if what is already spent, plus the worst case of every
 * attempt in flight, plus its own worst case, stays within the budget. The worst case of an
 * attempt is its input and `maxOutputTokens` of output at the target's prices.
 */
export class BudgetGuard {
  readonly limitUsd: number;
  private spentUsd = 0;
  private reservedUsd = 0;

  constructor(limitUsd: number, alreadySpentUsd = 0) {
    this.limitUsd = limitUsd;
    this.spentUsd = alreadySpentUsd;
  }

  get spent(): number {
    return this.spentUsd;
  }

  /** Reserves the attempt's worst case; false when it might pass the budget. */
  tryReserve(worstCaseUsd: number): boolean {
    if (this.spentUsd + this.reservedUsd + worstCaseUsd > this.limitUsd) return false;
    this.reservedUsd += worstCaseUsd;
    return true;
  }

  /**
   * Releases the reservation and books what the attempt really cost (its worst case if unknown,
   * or if it is no cost at all: a negative or endless one would let spending pass the budget).
   */
  settle(worstCaseUsd: number, actualUsd: number | undefined): void {
    this.reservedUsd = Math.max(0, this.reservedUsd - worstCaseUsd);
    const known = actualUsd !== undefined && Number.isFinite(actualUsd) && actualUsd >= 0;
    this.spentUsd += known ? actualUsd : worstCaseUsd;
  }
}
