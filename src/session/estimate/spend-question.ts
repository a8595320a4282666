import { formatUsd } from '../../reports/format-usd.ts';
import type { RunEstimate } from './estimate-types.ts';

/**
 * What `--confirm-above` asks about. The figure compared is the worst case when every call has
 * one (max tokens set, every target priced), the safe reading; else the expected cost from a past
 * run; else none: a cost with no bound is asked about too.
 */
export type SpendQuestion = {
  limitUsd: number;
  /** How `--confirm-above` is named where it was given (the flag, or the eval file's key). */
  setting: string;
  compared: 'worst' | 'expected' | 'unbounded';
  expectedUsd?: number;
  worstUsd?: number;
  /** `Estimated 3.20 USD (worst 5.10) is above --confirm-above 2: run? [y/N]` */
  question: string;
  /** Why nothing was sent, for a refusal off a terminal. */
  refusal: string;
};

/** Undefined when nothing needs asking: no limit, nothing paid for (a simulated run costs 0), or a cost at or below it. */
export function spendQuestion(estimate: RunEstimate, limitUsd: number | undefined, setting = '--confirm-above'): SpendQuestion | undefined {
  if (limitUsd === undefined || estimate.total.paidRequests === 0) return undefined;
  const { expectedUsd, worstUsd } = estimate.total;
  const compared = worstUsd !== undefined ? 'worst' : expectedUsd !== undefined ? 'expected' : 'unbounded';
  const figure = compared === 'worst' ? worstUsd : compared === 'expected' ? expectedUsd : undefined;
  if (figure !== undefined && figure <= limitUsd) return undefined;
  const limit = `${setting} ${limitUsd}`;
  const question =
    figure === undefined
      ? `The run's cost has no bound (${estimate.total.worstOutputTokens === undefined ? 'no --max-tokens' : 'a target without a price'}), so it may be above ${limit}: run? [y/N]`
      : `Estimated ${formatUsd(expectedUsd ?? figure)} USD${worstUsd !== undefined && worstUsd !== (expectedUsd ?? figure) ? ` (worst ${formatUsd(worstUsd)})` : compared === 'worst' ? ' at most' : ''} is above ${limit}: run? [y/N]`;
  const spend = figure === undefined ? 'the run\'s cost has no bound' : `the run may cost ${formatUsd(figure)} USD${compared === 'worst' ? ' at most' : ' (expected)'}`;
  const refusal =
    `${spend}, above ${limit}, and there is no terminal to ask: nothing was sent. ` +
    `To run it, raise ${setting} (or leave it out)${figure === undefined ? ', or set --max-tokens and price every target so that the cost has a bound' : ''}; \`llm-bench estimate\` shows the figures.`;
  return { limitUsd, setting, compared, ...(expectedUsd !== undefined ? { expectedUsd } : {}), ...(worstUsd !== undefined ? { worstUsd } : {}), question, refusal };
}

/** The run was not confirmed: nothing was sent, no run folder made. The CLI exits with 5. */
export class SpendNotConfirmedError extends Error {
  override readonly name = 'SpendNotConfirmedError';
  readonly spendNotConfirmed = true;
  readonly spend: SpendQuestion;
  constructor(spend: SpendQuestion) {
    super(`Not run: ${spend.refusal}`);
    this.spend = spend;
  }
}

/** Recognised by its marker, not by instanceof across module copies. */
export function isSpendNotConfirmed(error: unknown): error is SpendNotConfirmedError {
  return typeof error === 'object' && error !== null && (error as { spendNotConfirmed?: unknown }).spendNotConfirmed === true;
}
