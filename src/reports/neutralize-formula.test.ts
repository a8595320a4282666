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

/** Every code point in the given general categories, found by testing each one, not from a list. */
function codePointsIn(pattern: RegExp): string[] {
  const found: string[] = [];
  for (let code = 0; code <= 0x10ffff; code++) {
    if (code >= 0xd800 && code <= 0xdfff) continue;
    const character = String.fromCodePoint(code);
    if (pattern.test(character)) found.push(character);
  }
  return found;
}

describe('neutralizeFormula: every character a spreadsheet might skip, before every formula trigger', () => {
  const leading = codePointsIn(/^[\p{Zs}\p{Zl}\p{Zp}\p{Cc}\p{Cf}]$/u);
  const triggers = ['=', '+', '-', '@', '\t', '\r', '\n', '\uFF1D', '\uFF0B', '\uFF0D', '\uFF20'];

  it('finds the categories in full (Zs, Zl, Zp, Cc and Cf: U+2028, VT, FF, NEL, NBSP, ZWSP, BOM among them)', () => {
    expect(leading.length).toBeGreaterThan(250);
    for (const character of ['\u2028', '\u2029', '\v', '\f', '\u0085', '\u00A0', '\u200B', '\uFEFF', '\u0000', '\u009F']) expect(leading).toContain(character);
  });

  it('prefixes a quote to a cell that starts with any of them, once or twice, before any trigger', () => {
    const missed: string[] = [];
    for (const character of leading) {
      for (const sign of triggers) {
        for (const text of [`${character}${sign}1+1`, `${character}${character}${sign}1+1`, ` ${character}${sign}1+1`]) {
          if (neutralizeFormula(text) !== `'${text}`) missed.push(JSON.stringify(text));
        }
      }
    }
    expect(missed).toEqual([]);
  });

  it('also treats characters shown as nothing (Hangul fillers, variation selectors, blank Braille) and small or minus signs alike', () => {
    for (const text of ['\u3164=1+1', '\uFE0F=1+1', '\u2800=1+1', '\uFE66 1', '\uFE62 1', '\u22121+1', '\uFE6BSUM(1)']) {
      expect(neutralizeFormula(text)).toBe(`'${text}`);
    }
  });

  it('leaves alone text that merely starts with one of them, with no trigger after', () => {
    for (const text of ['\u2028hello', '\vtext', '\u00A0 42', '\u200Bword']) expect(neutralizeFormula(text)).toBe(text);
  });
});
