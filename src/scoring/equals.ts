import type { ScorerFactory } from './scorer.ts';
import { normalizeText, quote } from './normalize-text.ts';

/** The whole answer equals `value` once normalised as asked; `trim` is on unless turned off. */
export const equals: ScorerFactory<'equals'> = (assertion) => {
  const options = { ...assertion, trim: assertion.trim ?? true };
  const expected = normalizeText(assertion.value, options);
  return ({ output }) => {
    const passed = normalizeText(output, options) === expected;
    return {
      score: passed ? 1 : 0,
      passed,
      reason: passed ? `equals ${quote(assertion.value)}` : `expected ${quote(assertion.value)}, got ${quote(output)}`,
    };
  };
};
