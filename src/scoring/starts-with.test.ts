import { describe, expect, it } from 'vitest';
import { passes } from './test/score-with.ts';

describe('starts-with', () => {
  it('ignores leading whitespace unless told not to', async () => {
    expect(await passes({ type: 'starts-with', value: 'Yes' }, ['Yes, it is.', '\n  Yes', 'yes', 'Well, yes'])).toEqual([true, true, false, false]);
    expect(await passes({ type: 'starts-with', value: 'Yes', trim: false }, [' Yes'])).toEqual([false]);
    expect(await passes({ type: 'starts-with', value: 'yes', ignoreCase: true }, ['YES!'])).toEqual([true]);
  });
});
