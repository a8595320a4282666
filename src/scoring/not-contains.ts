import { canonicalText, quote } from './normalize-text.ts';
import type { ScorerFactory } from './scorer.ts';
import { textMatcher } from './text-matcher.ts';

/** The answer does not contain `value` (a refusal phrase, a leaked secret, a banned word). */
export const notContains: ScorerFactory<'not-contains'> = (assertion) => {
  const matcher = textMatcher(assertion.value, assertion);
  return ({ output }) => {
    const passed = !matcher.test(canonicalText(output));
    return { score: passed ? 1 : 0, passed, reason: passed ? `does not contain ${quote(assertion.value)}` : `contains ${quote(assertion.value)}` };
  };
};
