import { normalizeText, quote } from './normalize-text.ts';
import type { ScorerFactory } from './scorer.ts';

/** The answer starts with `value`; leading whitespace is ignored unless `trim: false`. */
export const startsWith: ScorerFactory<'starts-with'> = (assertion) => {
  const options = { ignoreCase: assertion.ignoreCase, trim: assertion.trim ?? true };
  const prefix = normalizeText(assertion.value, options);
  return ({ output }) => {
    const passed = normalizeText(output, options).startsWith(prefix);
    return {
      score: passed ? 1 : 0,
      passed,
      reason: passed ? `starts with ${quote(assertion.value)}` : `does not start with ${quote(assertion.value)}, starts ${quote(output, 30)}`,
    };
  };
};
