import { extractChoices } from './extract-choice.ts';
import { quote } from './normalize-text.ts';
import type { ScorerFactory } from './scorer.ts';

const defaultLetters = 'ABCDEFGHIJ';

/** A multiple-choice answer picks option `value`, and only it (see extractChoices). */
export const choice: ScorerFactory<'choice'> = (assertion) => {
  const letters = assertion.letters ?? defaultLetters;
  return ({ output }) => {
    const picked = extractChoices(output, letters);
    if (picked.length === 0) return { score: 0, passed: false, reason: `no option chosen (expected ${assertion.value}; answer: ${quote(output)})` };
    if (picked.length > 1) return { score: 0, passed: false, reason: `picks several options (${picked.join(', ')}); expected ${assertion.value} alone` };
    const passed = picked[0] === assertion.value;
    return { score: passed ? 1 : 0, passed, reason: `chose ${picked[0]}${passed ? '' : `, expected ${assertion.value}`}` };
  };
};
