import { canonicalText, quote } from './normalize-text.ts';
import type { ScorerFactory } from './scorer.ts';
import { textMatcher } from './text-matcher.ts';

/** The answer contains at least one of `value` (accepted spellings of one answer). */
export const containsAny: ScorerFactory<'contains-any'> = (assertion) => {
  const matchers = assertion.value.map((value) => ({ value, matcher: textMatcher(value, assertion) }));
  return ({ output }) => {
    const text = canonicalText(output);
    const found = matchers.find(({ matcher }) => matcher.test(text));
    if (found) return { score: 1, passed: true, reason: `contains ${quote(found.value)}` };
    return { score: 0, passed: false, reason: `contains none of ${assertion.value.map((value) => quote(value)).join(', ')}` };
  };
};
