import { describe, expect, it } from 'vitest';
import { assertionSchema } from '../config/assertion-schema.ts';
import { passes } from './test/score-with.ts';

describe('regex', () => {
  it('matches with flags', async () => {
    expect(await passes({ type: 'regex', value: '^\\W*yes\\W*$', flags: 'i' }, ['Yes.', 'yes', 'Yes, but no', 'eyes'])).toEqual([true, true, false, false]);
  });

  it('gives the same verdict every time even with a g flag', async () => {
    expect(await passes({ type: 'regex', value: 'a', flags: 'g' }, ['a', 'a', 'a'])).toEqual([true, true, true]);
  });

  it('refuses an invalid pattern or flag at validation', () => {
    expect(assertionSchema.safeParse({ type: 'regex', value: '(' }).success).toBe(false);
    expect(assertionSchema.safeParse({ type: 'regex', value: 'a', flags: 'x' }).success).toBe(false);
  });
});
