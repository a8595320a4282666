import { describe, expect, it } from 'vitest';
import { neutralizeFormula } from './neutralize-formula.ts';

describe('neutralizeFormula', () => {
  it.each([
    '=HYPERLINK("http://evil.example","click")',
    '+1+1',
    '-2+3',
    '@SUM(A1:A2)',
    '\t=1',
    '\r=1',
    '\n=1',
    '  =1+1',
    '\u200B=cmd|/c calc',
    '\uFEFF@SUM(1)',
    '\u2060 \u200D+1',
    '\u00A0=1',
    '\uFF1D1+1',
    // Direction marks, soft hyphen, invisible operators, ideographic and en spaces.
    '\u200E=1',
    '\u200F=1',
    '\u00AD=1',
    '\u2061=1',
    '\u3000=1',
    '\u2002@SUM(1)',
  ])('prefixes a quote to %j', (text) => {
    expect(neutralizeFormula(text)).toBe(`'${text}`);
  });

  it.each(['hello', '42', '', 'a=b', ' x = 1', "'quoted", '2-3'])('leaves %j alone', (text) => {
    expect(neutralizeFormula(text)).toBe(text);
  });
});
