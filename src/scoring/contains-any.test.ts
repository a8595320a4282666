import { describe, expect, it } from 'vitest';
import { assertionSchema } from '../config/assertion-schema.ts';
import { passes, scoreWith } from './test/score-with.ts';

describe('contains-any', () => {
  it('passes when one accepted spelling appears', async () => {
    const assertion = { type: 'contains-any', value: ['colour', 'color'], ignoreCase: true, wholeWord: true };
    expect(await passes(assertion, ['Color.', 'the COLOUR red', 'colourful', 'hue'])).toEqual([true, true, false, false]);
    expect(await scoreWith(assertion, 'hue')).toMatchObject({ reason: 'contains none of "colour", "color"' });
  });

  it('refuses an empty list at validation', () => {
    expect(assertionSchema.safeParse({ type: 'contains-any', value: [] }).success).toBe(false);
    expect(assertionSchema.safeParse({ type: 'contains-any', value: 'colour' }).success).toBe(false);
  });
});
