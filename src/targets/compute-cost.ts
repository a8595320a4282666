import type { PriceRow } from '../config/price-table-schema.ts';

type BillableUsage = { inputTokens?: number; outputTokens?: number; cachedInputTokens?: number };

/**
 * USD for one call from its usage. Unknown price or unknown token counts give undefined, never 0:
 * a free call and an unpriced one are different facts.
 */
export function computeCost(usage: BillableUsage, price: PriceRow | undefined): number | undefined {
  if (!price || usage.inputTokens === undefined || usage.outputTokens === undefined) return undefined;
  const cached = Math.min(usage.cachedInputTokens ?? 0, usage.inputTokens);
  const cachedRate = price.cached_input ?? price.input;
  return (
    ((usage.inputTokens - cached) * price.input + cached * cachedRate + usage.outputTokens * price.output) /
    1_000_000
  );
}
