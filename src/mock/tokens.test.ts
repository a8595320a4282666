import { describe, expect, it } from 'vitest';
import { countTokens, tokenize } from './tokens.ts';

describe('tokenize', () => {
  it.each([
    'Paris is the capital of France.',
    '  leading and trailing spaces  ',
    'Ünïcödé, emoji 🙂 and numbers 3.14159!',
    '{"location":"San Francisco"}',
    '',
    'supercalifragilisticexpialidocious',
  ])('joins back to the exact text: %j', (text) => {
    expect(tokenize(text).join('')).toBe(text);
  });

  it('splits words with their leading space, punctuation alone, long words in pieces', () => {
    expect(tokenize('Hi, world!')).toEqual(['Hi', ',', ' world', '!']);
    expect(tokenize('internationalization')).toEqual(['internat', 'ionaliza', 'tion']);
    expect(countTokens('one two three')).toBe(3);
  });
});
