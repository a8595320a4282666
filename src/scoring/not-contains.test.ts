import { describe, expect, it } from 'vitest';
import { passes, scoreWith } from './test/score-with.ts';

describe('not-contains', () => {
  it('fails when the value appears, in any spacing', async () => {
    expect(await passes({ type: 'not-contains', value: 'as an AI' }, ['Sure, here it is.', 'As an AI, I cannot', 'as an\nAI'])).toEqual([true, true, false]);
    expect(await passes({ type: 'not-contains', value: 'as an AI', ignoreCase: true }, ['As an AI, I cannot'])).toEqual([false]);
  });

  it('sees through invisible characters (zero-width space, soft hyphen, joiners)', async () => {
    expect(await passes({ type: 'not-contains', value: 'password' }, ['pass\u200Bword', 'pass\u00ADword', 'p\u2060a\u200Dssword', '\uFEFFpassword', 'pass word'])).toEqual([false, false, false, false, true]);
  });

  it('says what it found', async () => {
    expect(await scoreWith({ type: 'not-contains', value: 'sorry' }, 'sorry!')).toEqual({ score: 0, passed: false, reason: 'contains "sorry"' });
  });
});
