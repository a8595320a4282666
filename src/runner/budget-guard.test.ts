import { describe, expect, it } from 'vitest';
import { BudgetGuard } from './budget-guard.ts';

describe('BudgetGuard', () => {
  it('refuses an attempt whose worst case, with those in flight, would pass the budget', () => {
    const budget = new BudgetGuard(1);
    expect(budget.tryReserve(0.4)).toBe(true);
    expect(budget.tryReserve(0.4)).toBe(true);
    expect(budget.tryReserve(0.4)).toBe(false);
    budget.settle(0.4, 0.1);
    expect(budget.spent).toBeCloseTo(0.1);
    expect(budget.tryReserve(0.4)).toBe(true);
  });

  it('books the worst case when the real cost is unknown', () => {
    const budget = new BudgetGuard(1);
    budget.tryReserve(0.6);
    budget.settle(0.6, undefined);
    expect(budget.spent).toBeCloseTo(0.6);
    expect(budget.tryReserve(0.6)).toBe(false);
  });

  it('books the worst case for a negative or endless cost: spending can never pass the budget through one', () => {
    for (const cost of [-5, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      const budget = new BudgetGuard(1);
      budget.tryReserve(0.6);
      budget.settle(0.6, cost);
      expect(budget.spent).toBeCloseTo(0.6);
      expect(budget.tryReserve(0.6)).toBe(false);
    }
  });
});
