import { canonicalText, quote } from './normalize-text.ts';
import type { ScorerFactory } from './scorer.ts';
import { textMatcher } from './text-matcher.ts';

/** The answer contains every one of `value`; the score is the share found, so partial answers show. */
export const containsAll: ScorerFactory<'contains-all'> = (assertion) => {
  const matchers = assertion.value.map((value) => ({ value, matcher: textMatcher(value, assertion) }));
  return ({ output }) => {
    const text = canonicalText(output);
    const missing = matchers.filter(({ matcher }) => !matcher.test(text)).map(({ value }) => quote(value));
    const passed = missing.length === 0;
    return {
      score: (matchers.length - missing.length) / matchers.length,
      passed,
      reason: passed ? `contains all ${matchers.length}` : `missing ${missing.join(', ')}`,
    };
  };
};
