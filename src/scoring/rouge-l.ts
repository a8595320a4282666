import { canonicalText } from './normalize-text.ts';
import type { ScorerFactory } from './scorer.ts';

const defaultThreshold = 0.5;

function words(text: string): string[] {
  return canonicalText(text).toLocaleLowerCase('en-US').match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** Length of the longest common subsequence of words, in O(n·m) time and O(m) memory. */
export function longestCommonSubsequence(left: readonly string[], right: readonly string[]): number {
  let previous = new Array<number>(right.length + 1).fill(0);
  for (const word of left) {
    const current = new Array<number>(right.length + 1).fill(0);
    for (let index = 1; index <= right.length; index += 1) {
      current[index] = word === right[index - 1] ? (previous[index - 1] ?? 0) + 1 : Math.max(previous[index] ?? 0, current[index - 1] ?? 0);
    }
    previous = current;
  }
  return previous[right.length] ?? 0;
}

/**
 * ROUGE-L F1 between the answer and the reference `value`: the longest run of words they share
 * in order, balanced between precision (padding the answer lowers it) and recall (leaving
 * things out lowers it). Words are lower-cased letters and digits; punctuation is ignored.
 */
export const rougeL: ScorerFactory<'rouge-l'> = (assertion) => {
  const reference = words(assertion.value);
  const threshold = assertion.threshold ?? defaultThreshold;
  return ({ output }) => {
    const candidate = words(output);
    const common = longestCommonSubsequence(candidate, reference);
    const precision = candidate.length === 0 ? 0 : common / candidate.length;
    const recall = reference.length === 0 ? 0 : common / reference.length;
    const score = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    const passed = score >= threshold;
    return {
      score,
      passed,
      reason: `ROUGE-L F1 ${score.toFixed(2)} ${passed ? '>=' : '<'} ${threshold} (precision ${precision.toFixed(2)}, recall ${recall.toFixed(2)})`,
    };
  };
};
