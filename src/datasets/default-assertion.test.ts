import { describe, expect, it } from 'vitest';
import { defaultAssertion } from './default-assertion.ts';

describe('defaultAssertion', () => {
  it.each([
    ['4', { type: 'numeric', value: '4' }],
    ['-2', { type: 'numeric', value: '-2' }],
    ['1,234', { type: 'numeric', value: '1,234' }],
    ['3.5%', { type: 'numeric', value: '3.5%' }],
    ['1/2', { type: 'numeric', value: '1/2' }],
    ['C', { type: 'choice', value: 'C' }],
    ['Paris', { type: 'icontains', value: 'Paris', wholeWord: true }],
    ['Paris.', { type: 'icontains', value: 'Paris', wholeWord: true }],
    [' New York ', { type: 'icontains', value: 'New York', wholeWord: true }],
    ['...', { type: 'icontains', value: '...', wholeWord: true }],
  ])('%j -> %j', (expected, assertion) => {
    expect(defaultAssertion(expected)).toEqual(assertion);
  });
});
