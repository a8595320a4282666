import { describe, expect, it } from 'vitest';
import { longestCommonSubsequence } from './rouge-l.ts';
import { scoreWith } from './test/score-with.ts';

describe('longestCommonSubsequence', () => {
  it('counts words shared in order', () => {
    expect(longestCommonSubsequence(['a', 'b', 'c', 'd'], ['a', 'c', 'd', 'b'])).toBe(3);
    expect(longestCommonSubsequence([], ['a'])).toBe(0);
  });
});

describe('rouge-l', () => {
  const reference = { type: 'rouge-l', value: 'The cat sat on the mat.' };

  it('gives 1 for the same words, ignoring case and punctuation', async () => {
    expect(await scoreWith(reference, 'the cat sat on the mat')).toMatchObject({ score: 1, passed: true });
  });

  it('computes F1 from precision and recall', async () => {
    // LCS 3 ("the cat sat"): precision 3/3, recall 3/6 -> F1 2/3.
    expect((await scoreWith(reference, 'The cat sat')).score).toBeCloseTo(2 / 3);
  });

  it('is not fooled by the right words in a scrambled order or by padding', async () => {
    // The same six words scrambled keep only 3 in order ("the … sat … the"): F1 0.5, below a 0.6 bar.
    expect((await scoreWith(reference, 'mat the on sat cat the')).score).toBeCloseTo(0.5);
    expect(await scoreWith({ ...reference, threshold: 0.6 }, 'mat the on sat cat the')).toMatchObject({ passed: false });
    const padded = `The cat sat on the mat. ${'blah '.repeat(30)}`;
    expect(await scoreWith(reference, padded)).toMatchObject({ passed: false });
  });
});
