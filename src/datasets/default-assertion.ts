import type { AssertionConfig } from '../config/assertion-schema.ts';

const numberPattern = /^[-+]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?%?$|^[-+]?\d+\/\d+$/;
const optionLetterPattern = /^[A-J]$/;

/**
 * The scorer for a case that gives `expected` and no `assert`. Models answer in sentences, so an
 * exact match would fail "The capital is Paris." for "Paris"; a plain substring would pass "14"
 * for "4". The default therefore reads `expected` the way a person marking answers would:
 *
 * - a number ("4", "1,234", "3.5%", "1/2") -> `numeric`: the answer's final number must equal it;
 * - one capital letter A-J -> `choice`: the answer must pick that option, and only that one;
 * - anything else -> `icontains` with `wholeWord`: the answer contains it as whole words, any
 *   case ("Paris", "paris.", "The capital is Paris." pass; "Parisian" does not). A trailing
 *   full stop in `expected` is dropped so "Paris." also accepts "Paris".
 *
 * The known blind spot: an answer that names the right word while denying it ("not Paris")
 * passes. Cases where that matters should say what they want in `assert`.
 */
export function defaultAssertion(expected: string): AssertionConfig {
  const value = expected.trim();
  if (numberPattern.test(value)) return { type: 'numeric', value };
  if (optionLetterPattern.test(value)) return { type: 'choice', value };
  const text = value.replace(/[.!?]+$/, '') || value;
  return { type: 'icontains', value: text, wholeWord: true };
}
