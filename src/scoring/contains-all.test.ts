import { describe, expect, it } from 'vitest';
import { scoreWith } from './test/score-with.ts';

describe('contains-all', () => {
  const assertion = { type: 'contains-all', value: ['Paris', 'Berlin', 'Rome'] };

  it('passes only with every value, scoring the share found', async () => {
    expect(await scoreWith(assertion, 'Paris, Berlin and Rome')).toMatchObject({ score: 1, passed: true });
    const partial = await scoreWith(assertion, 'Paris and Berlin');
    expect(partial).toEqual({ score: 2 / 3, passed: false, reason: 'missing "Rome"' });
  });

  it('is not fooled by one word containing another with wholeWord', async () => {
    expect(await scoreWith({ type: 'contains-all', value: ['art', 'science'], wholeWord: true }, 'smart conscience')).toMatchObject({ score: 0, passed: false });
  });
});
