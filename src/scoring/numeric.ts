import { extractAnswerNumber } from './extract-number.ts';
import { quote } from './normalize-text.ts';
import type { ScorerFactory } from './scorer.ts';

/** Room for binary rounding ("0.1 + 0.2") when no tolerance is given. */
const defaultTolerance = 1e-9;

/**
 * The number the answer gives (see extractAnswerNumber) is within `tolerance` of `value`.
 * Percentages are compared as written: "3.5%" is 3.5, so write `value: 3.5` for it. An answer
 * that offers several numbers ("5 or 6") fails, even when one of them is right.
 */
export const numeric: ScorerFactory<'numeric'> = (assertion) => {
  const read = typeof assertion.value === 'number' ? { value: assertion.value } : extractAnswerNumber(assertion.value);
  const expected = read !== undefined && 'value' in read ? read.value : undefined;
  const tolerance = assertion.tolerance ?? defaultTolerance;
  return ({ output }) => {
    if (expected === undefined) return { score: 0, passed: false, reason: `expected value ${quote(String(assertion.value))} is not a number` };
    const found = extractAnswerNumber(output);
    if (found === undefined) return { score: 0, passed: false, reason: `no number in the answer (expected ${expected})` };
    if ('hedged' in found) return { score: 0, passed: false, reason: `the answer hedges between ${found.hedged.map((number) => number.text).join(', ')} (expected ${expected})` };
    const passed = Math.abs(found.value - expected) <= tolerance * (1 + Number.EPSILON);
    const within = assertion.tolerance === undefined ? '' : ` ± ${tolerance}`;
    return { score: passed ? 1 : 0, passed, reason: `answer ${found.text} ${passed ? '=' : '≠'} ${expected}${within}` };
  };
};
