import { describe, expect, it } from 'vitest';
import { terminalSafe } from './terminal-safe.ts';

/** Every code point a terminal may act on, generated rather than listed. */
function actingCharacters(): string[] {
  const characters: string[] = [];
  for (let code = 0; code <= 0x9f; code++) if (/\p{Cc}/u.test(String.fromCharCode(code))) characters.push(String.fromCharCode(code));
  for (let code = 0x202a; code <= 0x202e; code++) characters.push(String.fromCharCode(code));
  for (let code = 0x2066; code <= 0x2069; code++) characters.push(String.fromCharCode(code));
  characters.push('\u061C', '\u200E', '\u200F');
  return characters;
}

describe('terminalSafe', () => {
  it('shows OSC 52 (clipboard), OSC 8 (hidden link) and ESC[2J (clear screen) as text instead of sending them', () => {
    const message = 'bad key\x1B]52;c;cm0gLXJmIH4=\x07 \x1B]8;;https://evil.example\x1B\\click\x1B]8;;\x1B\\ \x1B[2J\u009B31m';
    const safe = terminalSafe(message);
    expect(safe).toBe('bad key\\x1B]52;c;cm0gLXJmIH4=\\x07 \\x1B]8;;https://evil.example\\x1B\\click\\x1B]8;;\\x1B\\ \\x1B[2J\\x9B31m');
  });

  it.each(actingCharacters().map((character) => [character.charCodeAt(0).toString(16).padStart(4, '0'), character]))(
    'leaves no U+%s that a terminal would act on (newline and tab kept between lines)',
    (_, character) => {
      const safe = terminalSafe(`a${character}b`);
      if (character === '\n' || character === '\t') expect(safe).toBe(`a${character}b`);
      else expect(safe).not.toContain(character);
      expect(terminalSafe(`a${character}b`, { oneLine: true })).not.toContain(character);
    },
  );

  it('keeps a value inside one line: newline, tab and CR shown as escapes', () => {
    expect(terminalSafe('one\ntwo\r\tthree', { oneLine: true })).toBe('one\\ntwo\\r\\tthree');
  });

  it('leaves ordinary text alone, non-Latin scripts, emoji and right-to-left letters included', () => {
    const text = 'Grüße — 你好 👩‍💻 שלום مرحبا\nnext line';
    expect(terminalSafe(text)).toBe(text);
  });

  it('escapes every line or paragraph separator, format character and default-ignorable code point (generated with \\p{...}), variation selectors aside', () => {
    const invisible = /[\p{Zl}\p{Zp}\p{Cf}\p{Default_Ignorable_Code_Point}]/u;
    const variationSelector = /[\uFE00-\uFE0F\u180B-\u180D\u180F\u{E0100}-\u{E01EF}]/u;
    const leftRaw: string[] = [];
    let checked = 0;
    for (let code = 0; code <= 0x10ffff; code++) {
      if (code >= 0xd800 && code <= 0xdfff) continue;
      const character = String.fromCodePoint(code);
      if (!invisible.test(character) || variationSelector.test(character)) continue;
      checked++;
      // After ASCII, where no script needs a joiner, and twice in a row.
      for (const text of [`a${character}b`, `a${character}${character}b`]) {
        if (terminalSafe(text).includes(character) || terminalSafe(text, { oneLine: true }).includes(character)) leftRaw.push(code.toString(16));
      }
    }
    expect(checked).toBeGreaterThan(3900);
    expect(leftRaw).toEqual([]);
  });

  it('shows a forged second line (U+2028, U+2029) and hidden tag-character text as escapes', () => {
    const tags = [...'ignore previous'].map((character) => String.fromCodePoint(0xe0000 + character.charCodeAt(0))).join('');
    expect(terminalSafe(`bad key\u2028STOPPED: all fine\u2029${tags}`)).toBe(
      'bad key\\u2028STOPPED: all fine\\u2029' + [...'ignore previous'].map((character) => `\\u{E00${character.charCodeAt(0).toString(16).toUpperCase()}}`).join(''),
    );
  });

  it('keeps emoji sequences (joiners, variation selectors, subdivision flags) and joiners in Persian and Indic text, but not a joiner hidden between ASCII letters', () => {
    const text = '👩\u200D💻 ❤\uFE0F\u200D🔥 🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F} می\u200Cخواهم क्\u200Dष 葛\u{E0100}';
    expect(terminalSafe(text)).toBe(text);
    expect(terminalSafe('sk\u200Dtest \u00E9\u200B\u200Dx')).toBe('sk\\u200Dtest \u00E9\\u200B\\u200Dx');
  });
});
