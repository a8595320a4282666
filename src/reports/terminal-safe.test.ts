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
});
