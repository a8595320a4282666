import { quote } from './normalize-text.ts';
import type { ScorerFactory } from './scorer.ts';

/** The answer matches the regular expression (`flags` as in JavaScript; validated at load). */
export const regex: ScorerFactory<'regex'> = (assertion) => {
  // A `g` or `y` flag would make test() resume from lastIndex and pass or fail by call order.
  const flags = (assertion.flags ?? '').replace(/[gy]/g, '');
  const pattern = new RegExp(assertion.value, flags);
  return ({ output }) => {
    const passed = pattern.test(output);
    return { score: passed ? 1 : 0, passed, reason: passed ? `matches /${assertion.value}/${flags}` : `does not match /${assertion.value}/${flags} (answer: ${quote(output)})` };
  };
};
