import type { BudgetGuard } from './budget-guard.ts';
import type { PlannedRequest } from './plan-run.ts';
import { runAttempt, type AttemptDependencies, type AttemptResult, type AttemptSettings } from './run-attempt.ts';

/** Sends one attempt and measures it; never throws for a failed request. */
export type AttemptFunction = (request: PlannedRequest, settings: AttemptSettings, dependencies: AttemptDependencies) => Promise<AttemptResult>;

/** What an attempt reserves its worst case in and books its cost to: the run's BudgetGuard, or a multi-call case's share of it. */
export type BudgetLedger = Pick<BudgetGuard, 'tryReserve' | 'settle' | 'spent' | 'limitUsd'>;

/** `--max-cost`, with each attempt's worst-case cost. */
export type AttemptBudget = { guard: BudgetLedger; worstCaseUsd(request: PlannedRequest): number };

export type BudgetedAttemptDependencies = AttemptDependencies & { attempt?: AttemptFunction; budget?: AttemptBudget };

/**
 * One attempt within the budget: undefined, and nothing sent, when its worst case does not fit;
 * else its result and what the budget booked it at (0 without a budget, when its cost is unknown).
 */
export async function budgetedAttempt(
  request: PlannedRequest,
  settings: AttemptSettings,
  dependencies: BudgetedAttemptDependencies,
): Promise<{ result: AttemptResult; bookedUsd: number } | undefined> {
  const worstCase = dependencies.budget?.worstCaseUsd(request) ?? 0;
  if (dependencies.budget && !dependencies.budget.guard.tryReserve(worstCase)) return undefined;
  const attempt = dependencies.attempt ?? defaultAttempt;
  const result = await attempt(request, settings, dependencies);
  const billed = billedUsd(result);
  dependencies.budget?.guard.settle(worstCase, billed);
  return { result, bookedUsd: billed ?? worstCase };
}

function defaultAttempt(request: PlannedRequest, settings: AttemptSettings, dependencies: AttemptDependencies): Promise<AttemptResult> {
  return runAttempt(request.target, request.testCase, settings, dependencies);
}

/**
 * What an attempt is booked at against the budget: its cost when known; nothing for a request
 * the provider refused with an error status before any output (a 429 or a 401 is not billed);
 * otherwise undefined, which the guard books at the worst case (output may have been generated).
 */
function billedUsd(result: AttemptResult): number | undefined {
  if (result.interrupted) return 0;
  if (result.costUsd !== undefined) return result.costUsd;
  const refused = result.error?.httpStatus !== undefined && result.error.httpStatus >= 400;
  return refused && !result.output && !result.usage.outputTokens ? 0 : undefined;
}
