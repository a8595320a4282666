import { describe, expect, it } from 'vitest';
import { passes, scoreWith } from './test/score-with.ts';

describe('contains', () => {
  it('is case-sensitive and finds substrings', async () => {
    expect(await passes({ type: 'contains', value: 'Paris' }, ['The capital is Paris.', 'paris', 'Parisian'])).toEqual([true, false, true]);
  });

  it('needs word edges with wholeWord, so "4" is not found in "14" or "4th"', async () => {
    expect(await passes({ type: 'contains', value: '4', wholeWord: true }, ['It is 4.', '14', '4th', '2+2=4', '(4)'])).toEqual([true, false, false, true, true]);
    expect(await passes({ type: 'contains', value: 'C++', wholeWord: true }, ['I like C++.', 'C+++'])).toEqual([true, true]);
  });

  it('lets a space match any whitespace, and treats the value literally (no regex)', async () => {
    expect(await passes({ type: 'contains', value: 'New York' }, ['New\nYork', 'NewYork'])).toEqual([true, false]);
    expect(await passes({ type: 'contains', value: 'a.c' }, ['abc', 'a.c'])).toEqual([false, true]);
  });

  it('sees through invisible characters', async () => {
    expect(await passes({ type: 'contains', value: 'Paris' }, ['P\u200Baris', 'Pa\u200Eris.'])).toEqual([true, true]);
    expect(await passes({ type: 'icontains', value: 'paris', wholeWord: true }, ['The capital is P\u200Baris.'])).toEqual([true]);
    expect(await passes({ type: 'contains-any', value: ['Paris', 'Lyon'] }, ['L\u200Byon'])).toEqual([true]);
    expect(await passes({ type: 'contains-all', value: ['Paris', 'Lyon'] }, ['P\u200Baris and L\u200Cyon'])).toEqual([true]);
    expect(await passes({ type: 'equals', value: 'Paris' }, ['Par\u00ADis'])).toEqual([true]);
    expect(await passes({ type: 'starts-with', value: 'Paris' }, ['\u200BParis is the capital'])).toEqual([true]);
    expect(await passes({ type: 'choice', value: 'C' }, ['The answer is \u200BC'])).toEqual([true]);
    expect(await passes({ type: 'numeric', value: 15 }, ['The answer is 1\u200B5'])).toEqual([true]);
  });

  it('says what was missing', async () => {
    expect(await scoreWith({ type: 'contains', value: 'Paris' }, 'Lyon')).toEqual({ score: 0, passed: false, reason: 'does not contain "Paris"' });
  });
});
