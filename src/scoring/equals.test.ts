import { describe, expect, it } from 'vitest';
import { passes, scoreWith } from './test/score-with.ts';

describe('equals', () => {
  it('compares the whole answer, trimmed by default', async () => {
    expect(await passes({ type: 'equals', value: 'Paris' }, ['Paris', '  Paris\n', 'paris', 'Paris.', 'Paris, France'])).toEqual([true, true, false, false, false]);
  });

  it('normalises as asked', async () => {
    const lenient = { type: 'equals', value: 'New York', ignoreCase: true, collapseWhitespace: true, ignorePunctuation: true };
    expect(await passes(lenient, ['new york', 'New  York.', '"New York!"', 'New York City', 'NewYork'])).toEqual([true, true, true, false, false]);
    expect(await passes({ type: 'equals', value: 'a b', trim: false }, ['a b', ' a b'])).toEqual([true, false]);
  });

  it('accepts numbers as values and explains a failure', async () => {
    expect(await scoreWith({ type: 'equals', value: 4 }, '4')).toMatchObject({ score: 1, passed: true });
    expect(await scoreWith({ type: 'equals', value: 'yes' }, 'no')).toEqual({ score: 0, passed: false, reason: 'expected "yes", got "no"' });
  });

  it('treats full-width characters as what they look like', async () => {
    expect(await passes({ type: 'equals', value: '42' }, ['４２'])).toEqual([true]);
  });
});
