import { describe, expect, it } from 'vitest';
import { passes, scoreWith } from './test/score-with.ts';

describe('similarity', () => {
  it('accepts spelling variants and rejects different words', async () => {
    expect(await passes({ type: 'similarity', value: 'Tchaikovsky' }, ['Tchaikovsky', 'tchaikovski', 'Chaikovsky', 'Mozart'])).toEqual([true, true, true, false]);
  });

  it('scores by normalised edit distance and honours the threshold', async () => {
    expect((await scoreWith({ type: 'similarity', value: 'abcd' }, 'abce')).score).toBeCloseTo(0.75);
    expect(await passes({ type: 'similarity', value: 'abcd', threshold: 0.7 }, ['abce'])).toEqual([true]);
  });

  it('is not fooled by padding the right answer with text', async () => {
    expect(await passes({ type: 'similarity', value: 'Paris' }, ['Paris is the capital of France and a lovely city'])).toEqual([false]);
  });
});
