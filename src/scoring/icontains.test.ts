import { describe, expect, it } from 'vitest';
import { passes } from './test/score-with.ts';

describe('icontains', () => {
  it('ignores case, including non-ASCII letters', async () => {
    expect(await passes({ type: 'icontains', value: 'paris' }, ['PARIS', 'The capital is Paris.', 'Lyon'])).toEqual([true, true, false]);
    expect(await passes({ type: 'icontains', value: 'émile' }, ['ÉMILE'])).toEqual([true]);
  });

  it('with wholeWord rejects words that merely contain the value', async () => {
    expect(await passes({ type: 'icontains', value: 'cold', wholeWord: true }, ['Cold.', 'It is COLD', 'colder', 'scold'])).toEqual([true, true, false, false]);
  });
});
