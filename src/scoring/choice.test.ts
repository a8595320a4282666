import { describe, expect, it } from 'vitest';
import { extractChoices } from './extract-choice.ts';
import { passes, scoreWith } from './test/score-with.ts';

describe('extractChoices', () => {
  it.each([
    ['C', ['C']],
    ['(C)', ['C']],
    ['c', ['C']],
    ['C.', ['C']],
    ['Answer: C', ['C']],
    ['The answer is (C).', ['C']],
    ['**C**', ['C']],
    ['The correct answer is **C) Paris**', ['C']],
    ['C) Paris', ['C']],
    ['I think the answer is B', ['B']],
    ['I choose D', ['D']],
    ['B is correct', ['B']],
    ['Option B', ['B']],
    ['C\n\nExplanation: option A is wrong because…', ['C']],
    ['The answer is not A; the answer is C', ['C']],
    ['The answer is A or C', ['A', 'C']],
    ['The answers are A and C', ['A', 'C']],
    ['(A) (B)', ['A', 'B']],
    ['Answer: A\nAnswer: B', ['A', 'B']],
    ['The answer is a city in France', []],
    ['I am not sure', []],
    ['A, B, C or D', []],
  ])('%j -> %j', (text, letters) => {
    expect(extractChoices(text, 'ABCDEFGHIJ')).toEqual(letters);
  });
});

describe('choice', () => {
  it('passes the right pick only', async () => {
    expect(await passes({ type: 'choice', value: 'c' }, ['C', 'The answer is C.', 'B', 'A or C'])).toEqual([true, true, false, false]);
  });

  it('fails hedged answers with a reason', async () => {
    expect(await scoreWith({ type: 'choice', value: 'C' }, 'The answer is A or C')).toMatchObject({ passed: false, reason: 'picks several options (A, C); expected C alone' });
  });

  it('only considers the letters on offer', async () => {
    expect(await passes({ type: 'choice', value: 'B', letters: 'ABCD' }, ['(B)', '(E) (B)'])).toEqual([true, true]);
  });
});
