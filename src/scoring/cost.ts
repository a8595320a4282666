import type { ScorerFactory } from './scorer.ts';

/** The attempt cost at most `max_usd`; an unknown cost fails, since it is not known to be cheap. */
export const cost: ScorerFactory<'cost'> = (assertion) => ({ costUsd }) => {
  if (costUsd === undefined) return { score: 0, passed: false, reason: `cost unknown (needed <= $${assertion.max_usd})` };
  const passed = costUsd <= assertion.max_usd;
  return { score: passed ? 1 : 0, passed, reason: `cost $${costUsd.toPrecision(3)} ${passed ? '<=' : '>'} $${assertion.max_usd}` };
};
