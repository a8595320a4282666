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
    ['The answer is C, but it could also be D', ['C', 'D']],
    ['My answer: (C) or maybe (D)', ['C', 'D']],
    ['C\nD', ['C', 'D']],
    ['C\n\nThe answer is D.', ['C', 'D']],
    ['The answer is I believe C', ['C']],
    ["Answer: I'm fairly sure it's B", ['B']],
    ['The answer is C and I think that is right', ['C']],
    ['The answer is I.', ['I']],
    ['Answer: (I)', ['I']],
    ['I', ['I']],
    ['I would go with C', ['C']],
    ['It is C.', ['C']],
    ['answer: c', ['C']],
    ['The best option is C', ['C']],
    ['C!', ['C']],
    ["It's not A, it's C.", ['C']],
    ['C) Paris\n\nIt could also be D) Lyon', ['C', 'D']],
  ])('%j -> %j', (text, letters) => {
    expect(extractChoices(text, 'ABCDEFGHIJ')).toEqual(letters);
  });
});

describe('choice', () => {
  it('passes the right pick only', async () => {
    expect(await passes({ type: 'choice', value: 'c' }, ['C', 'The answer is C.', 'B', 'A or C'])).toEqual([true, true, false, false]);
  });

  it('fails an answer that picks another option anywhere', async () => {
    expect(await passes({ type: 'choice', value: 'C' }, ['The answer is C, but it could also be D', 'My answer: (C) or maybe (D)', 'C\nD', 'C\n\nOption D is wrong.'])).toEqual([false, false, false, true]);
  });

  it('does not read the word "I" as option I', async () => {
    expect(await passes({ type: 'choice', value: 'C' }, ['The answer is I believe C', 'I would go with C'])).toEqual([true, true]);
    expect(await passes({ type: 'choice', value: 'B' }, ["Answer: I'm fairly sure it's B"])).toEqual([true]);
  });

  it('fails hedged answers with a reason', async () => {
    expect(await scoreWith({ type: 'choice', value: 'C' }, 'The answer is A or C')).toMatchObject({ passed: false, reason: 'picks several options (A, C); expected C alone' });
  });

  it('only considers the letters on offer', async () => {
    expect(await passes({ type: 'choice', value: 'B', letters: 'ABCD' }, ['(B)', '(E) (B)'])).toEqual([true, true]);
  });
});
