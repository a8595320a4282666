import { distance } from 'fastest-levenshtein';
import { canonicalText } from './normalize-text.ts';
import type { ScorerFactory } from './scorer.ts';

const defaultThreshold = 0.8;

function normalize(text: string): string {
  return canonicalText(text).toLocaleLowerCase('en-US').replace(/\s+/gu, ' ').trim();
}

/**
 * 1 - edit distance / length of the longer text, compared case-insensitively with whitespace
 * collapsed. The score is the similarity itself; `passed` when it reaches `threshold` (0.8).
 * Suited to short answers with spelling variants; use rouge-l for longer texts.
 */
export const similarity: ScorerFactory<'similarity'> = (assertion) => {
  const expected = normalize(assertion.value);
  const threshold = assertion.threshold ?? defaultThreshold;
  return ({ output }) => {
    const answer = normalize(output);
    const longer = Math.max(answer.length, expected.length);
    const score = longer === 0 ? 1 : 1 - distance(answer, expected) / longer;
    const passed = score >= threshold;
    return { score, passed, reason: `similarity ${score.toFixed(2)} ${passed ? '>=' : '<'} ${threshold}` };
  };
};
