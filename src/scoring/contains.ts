import { canonicalText, quote } from './normalize-text.ts';
import type { ScorerFactory } from './scorer.ts';
import { textMatcher } from './text-matcher.ts';

/** The answer contains `value` (case-sensitive unless `ignoreCase`; `wholeWord` to need word edges). */
export const contains: ScorerFactory<'contains'> = (assertion) => {
  const matcher = textMatcher(assertion.value, assertion);
  return ({ output }) => {
    const passed = matcher.test(canonicalText(output));
    return { score: passed ? 1 : 0, passed, reason: passed ? `contains ${quote(assertion.value)}` : `does not contain ${quote(assertion.value)}` };
  };
};
