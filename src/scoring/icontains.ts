import { canonicalText, quote } from './normalize-text.ts';
import type { ScorerFactory } from './scorer.ts';
import { textMatcher } from './text-matcher.ts';

/** `contains`, ignoring case. */
export const icontains: ScorerFactory<'icontains'> = (assertion) => {
  const matcher = textMatcher(assertion.value, { ...assertion, ignoreCase: true });
  const what = `${quote(assertion.value)}${assertion.wholeWord ? ' as whole words' : ''} (any case)`;
  return ({ output }) => {
    const passed = matcher.test(canonicalText(output));
    return { score: passed ? 1 : 0, passed, reason: passed ? `contains ${what}` : `does not contain ${what}` };
  };
};
