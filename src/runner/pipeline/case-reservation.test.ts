import { describe, expect, it } from 'vitest';
import { BudgetGuard } from '../budget-guard.ts';
import type { PlannedRequest } from '../plan-run.ts';
import { CaseReservation } from './case-reservation.ts';

const request = {} as PlannedRequest;
const budget = (limit: number, caseWorst: number) => ({ guard: new BudgetGuard(limit), worstCaseUsd: () => caseWorst });

describe('CaseReservation', () => {
  it("holds the case's whole worst case in the run's budget, so the next case cannot take what its later steps need", () => {
    const run = budget(1, 0.6);
    const first = CaseReservation.open(request, run)!;
    expect(first).toBeDefined();
    // Its first step: reserved from the case's share, cost 0.1.
    expect(first.tryReserve(0.2)).toBe(true);
    first.settle(0.2, 0.1);
    // A second case of the same worst case does not fit beside what the first still holds (0.5) and spent (0.1).
    expect(CaseReservation.open(request, run)).toBeUndefined();
    // The first case's later steps still do.
    expect(first.tryReserve(0.2)).toBe(true);
    first.settle(0.2, 0.15);
    expect(first.tryReserve(0.2)).toBe(true);
    first.settle(0.2, 0.2);
    first.close();
    expect(run.guard.spent).toBeCloseTo(0.45, 12);
    // Released: a new case of 0.5 fits now (0.45 + 0.5 ≤ 1).
    expect(run.guard.tryReserve(0.5)).toBe(true);
    expect(run.guard.tryReserve(0.1)).toBe(false);
  });

  it('asks the run for more when a retry passes the case\'s share, and books a step of unknown cost at its worst case', () => {
    const run = budget(1, 0.3);
    const reservation = CaseReservation.open(request, run)!;
    expect(reservation.tryReserve(0.3)).toBe(true);
    reservation.settle(0.3, undefined);
    // Everything held was spent (unknown cost: its worst case); a retry takes 0.3 more from the run.
    expect(reservation.tryReserve(0.3)).toBe(true);
    reservation.settle(0.3, 0);
    reservation.close();
    expect(run.guard.spent).toBeCloseTo(0.3, 12);
    expect(run.guard.tryReserve(0.7)).toBe(true);
    expect(run.guard.tryReserve(0.01)).toBe(false);
  });
});
