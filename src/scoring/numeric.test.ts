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
    expect(extractAnswerNumber(text)?.value).toBe(value);
  });

  it('finds nothing when there is no number', () => {
    expect(extractAnswerNumber('I do not know')).toBeUndefined();
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
  });

  it('fails with a reason when the answer has no number', async () => {
    expect(await scoreWith({ type: 'numeric', value: 4 }, 'no idea')).toEqual({ score: 0, passed: false, reason: 'no number in the answer (expected 4)' });
  });
});
