import type { LanguageModelUsage } from 'ai';

/**
 * The most tokens one call may report for any one count. No model reads or writes near a hundred
 * million tokens in one call: a larger count is a server's mistake (or a lie), and would make the
 * cost, and every total and budget built on it, meaningless.
 */
export const maxReportedTokens = 100_000_000;

/** The most USD one call may cost, as a gateway reports it. */
export const maxReportedCostUsd = 10_000;

export type CheckedUsage = {
  inputTokens?: number;
  outputTokens?: number;
  cachedInputTokens?: number;
  reasoningTokens?: number;
  /** What was left out, and why, in words for the record. */
  warnings: string[];
};

const isTokenCount = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 && value <= maxReportedTokens;

/** A number as the server sent it, short: it goes into a warning. */
const shown = (value: unknown) => String(value).slice(0, 40);

/**
 * The token counts a server reported, each a whole number from 0 to `maxReportedTokens`; any
 * other (negative, fractional, huge, not a number) is left out with a warning, so that the caller
 * estimates it instead. Cached input tokens cannot exceed the input, nor reasoning tokens the output.
 */
export function checkedUsage(reported: LanguageModelUsage | undefined): CheckedUsage {
  const warnings: string[] = [];
  const check = (name: string, value: unknown, within?: number): number | undefined => {
    if (value === undefined || value === null) return undefined;
    if (!isTokenCount(value)) {
      warnings.push(`the server reported ${name} ${shown(value)}, not a token count (a whole number from 0 to ${maxReportedTokens.toLocaleString('en-US')}): not used`);
      return undefined;
    }
    if (within !== undefined && value > within) {
      warnings.push(`the server reported ${name} ${value}, more than the ${within} it counts in: not used`);
      return undefined;
    }
    return value;
  };
  const inputTokens = check('input tokens', reported?.inputTokens);
  const outputTokens = check('output tokens', reported?.outputTokens);
  const cachedInputTokens = check('cached input tokens', reported?.inputTokenDetails?.cacheReadTokens, inputTokens);
  const reasoningTokens = check('reasoning tokens', reported?.outputTokenDetails?.reasoningTokens, outputTokens);
  return {
    ...(inputTokens !== undefined ? { inputTokens } : {}),
    ...(outputTokens !== undefined ? { outputTokens } : {}),
    ...(cachedInputTokens !== undefined ? { cachedInputTokens } : {}),
    ...(reasoningTokens !== undefined ? { reasoningTokens } : {}),
    warnings,
  };
}

/** A gateway's cost for one call, if it is a number of USD from 0 to `maxReportedCostUsd`. */
export function isReportedCost(value: number): boolean {
  return Number.isFinite(value) && value >= 0 && value <= maxReportedCostUsd;
}
