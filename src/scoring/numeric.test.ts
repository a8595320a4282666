import { describe, expect, it } from 'vitest';
import { extractAnswerNumber } from './extract-number.ts';
import { passes, scoreWith } from './test/score-with.ts';

describe('extractAnswerNumber', () => {
  it.each([
    ['4', 4],
    ['The answer is 4.', 4],
    ['1,234 apples', 1234],
    ['3.5%', 3.5],
    ['It dropped to -2 degrees', -2],
    ['\u22127', -7],
    ['1/2', 0.5],
    ['.5', 0.5],
    ['1e3', 1000],
    ['Four.', 4],
    ['5-2', 2],
    ['1,2,3', 3],
    ['The answer is 42 (it took 3 steps)', 42],
    ['Working: 6 * 7 = 42\n#### 42', 42],
    ['\\boxed{17}', 17],
  ])('%j -> %d', (text, value) => {
    expect(extractAnswerNumber(text)).toMatchObject({ value });
  });

  it('finds nothing when there is no number', () => {
    expect(extractAnswerNumber('I do not know')).toBeUndefined();
  });

  it.each([
    ['The answer is 1/2.', 0.5],
    ['1/2.', 0.5],
    ['She ate 3/4.', 0.75],
    ['$1,234.50', 1234.5],
    ['1,234,567.89', 1234567.89],
    ['The answer is 12 + 3 = 15', 15],
    ['The answer is 12 + 3, which is 15.', 15],
    ['The answer is 25% of 40, that is 10.', 10],
    ['The answer is 4 out of 5 apples', 4],
    ['The answer is 42 because it took 3 steps', 42],
    ['The answer is not 20, it is 18', 18],
    ['It is 18, not 20.', 18],
    ['The answer is 1 1/2 cups', 1.5],
    ['-1 1/2', -1.5],
    ['The answer is minus 2', -2],
    ['negative 2', -2],
    ['5 minus 2', 2],
    ['The answer is $9.00.', 9],
    ['The answer is 15%.', 15],
    ['\\boxed{\\frac{1}{2}}', 0.5],
  ])('adversarial %j -> %d', (text, value) => {
    expect(extractAnswerNumber(text)).toMatchObject({ value });
  });

  it.each([
    ['The answer is 5 or 6', [5, 6]],
    ['The answer is 5, or maybe 6.', [5, 6]],
    ['The answer is between 5 and 6', [5, 6]],
    ['5 or 6', [5, 6]],
    ['x = 5 or x = 6', [5, 6]],
    ['Working: 2 + 3 = 5. The answer is 5 (or 6).', [5, 6]],
  ])('%j hedges between several numbers', (text, values) => {
    expect(extractAnswerNumber(text)).toEqual({ hedged: values.map((value) => expect.objectContaining({ value })) });
  });

  it('does not call the same number twice a hedge, nor a refused one an answer', () => {
    expect(extractAnswerNumber('The answer is 5 or 5.0')).toMatchObject({ value: 5 });
    expect(extractAnswerNumber('The answer is 18, not 20 or 21')).toMatchObject({ value: 18 });
    expect(extractAnswerNumber('The answer is not 20.')).toBeUndefined();
  });
});

describe('numeric', () => {
  it('reads the final number, not any number that appears', async () => {
    expect(await passes({ type: 'numeric', value: 4 }, ['4', '2+2=4', 'Four', '4.0', '14', '40', 'It is 4, no wait, 5'])).toEqual([true, true, true, true, false, false, false]);
  });

  it('uses the tolerance', async () => {
    expect(await passes({ type: 'numeric', value: 3.14159, tolerance: 0.01 }, ['3.14', 'pi is about 3.1', '22/7'])).toEqual([true, false, true]);
  });

  it('compares formatted numbers by value', async () => {
    expect(await passes({ type: 'numeric', value: '1,234' }, ['1234', '1,234.00', '1.234'])).toEqual([true, true, false]);
    expect(await passes({ type: 'numeric', value: '50%' }, ['50%', '50 percent', '0.5'])).toEqual([true, true, false]);
    expect(await passes({ type: 'numeric', value: '1,234.5' }, ['1234.5', '$1,234.50', '1234'])).toEqual([true, true, false]);
  });

  it('fails an answer that offers several numbers', async () => {
    expect(await passes({ type: 'numeric', value: 5 }, ['The answer is 5 or 6', 'The answer is 5', 'between 5 and 6'])).toEqual([false, true, false]);
    expect(await scoreWith({ type: 'numeric', value: 5 }, 'The answer is 5 or 6')).toEqual({ score: 0, passed: false, reason: 'the answer hedges between 5, 6 (expected 5)' });
  });

  it('fails with a reason when the answer has no number', async () => {
    expect(await scoreWith({ type: 'numeric', value: 4 }, 'no idea')).toEqual({ score: 0, passed: false, reason: 'no number in the answer (expected 4)' });
  });
});
