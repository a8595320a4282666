import type { AttemptBudget, BudgetLedger } from '../budgeted-attempt.ts';
import type { PlannedRequest } from '../plan-run.ts';

/**
 * `--max-cost` for a multi-call case: the case's whole worst case (every step's) is reserved
 * before its first step is sent, so that the budget never starts a case it could not finish and
 * pays for steps whose case is then abandoned. Its steps' attempts draw on that reservation; a
 * retry past it asks the run's budget for the rest. What each attempt cost is booked as it ends,
 * and what is left is released when the case is done.
 */
export class CaseReservation implements BudgetLedger {
  private readonly parent: BudgetLedger;
  /** Still reserved in the run's budget for this case. */
  private held: number;
  /** Of `held`, what no attempt in flight has taken. */
  private available: number;

  private constructor(parent: BudgetLedger, worstCaseUsd: number) {
    this.parent = parent;
    this.held = worstCaseUsd;
    this.available = worstCaseUsd;
  }

  /** Reserves the case's worst case in the run's budget; undefined when it does not fit (nothing is sent then). */
  static open(request: PlannedRequest, budget: AttemptBudget): CaseReservation | undefined {
    const worstCaseUsd = budget.worstCaseUsd(request);
    return budget.guard.tryReserve(worstCaseUsd) ? new CaseReservation(budget.guard, worstCaseUsd) : undefined;
  }

  get limitUsd(): number {
    return this.parent.limitUsd;
  }

  get spent(): number {
    return this.parent.spent;
  }

  tryReserve(worstCaseUsd: number): boolean {
    if (worstCaseUsd <= this.available) {
      this.available -= worstCaseUsd;
      return true;
    }
    const more = worstCaseUsd - this.available;
    if (!this.parent.tryReserve(more)) return false;
    this.held += more;
    this.available = 0;
    return true;
  }

  settle(worstCaseUsd: number, actualUsd: number | undefined): void {
    this.available += worstCaseUsd;
    const known = actualUsd !== undefined && Number.isFinite(actualUsd) && actualUsd >= 0;
    const booked = known ? actualUsd : worstCaseUsd;
    // Turns that much of the case's reservation into spending.
    const fromHeld = Math.min(booked, this.held);
    this.parent.settle(fromHeld, booked);
    this.held -= fromHeld;
    this.available = Math.max(0, Math.min(this.available - fromHeld, this.held));
  }

  /** The case is done: what it did not spend goes back to the run. */
  close(): void {
    if (this.held > 0) this.parent.settle(this.held, 0);
    this.held = 0;
    this.available = 0;
  }
}
