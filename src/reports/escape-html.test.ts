import { describe, expect, it } from 'vitest';
import { escapeHtml } from './escape-html.ts';

describe('escapeHtml', () => {
  it('escapes markup and quotes', () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });

  it('shows control characters and bidi overrides as escapes, so nothing is hidden or reordered', () => {
    expect(escapeHtml('invoice\u202Etxt.exe \u2066x\u2069 \x1B[2J \0 \u009B')).toBe('invoice\\u202Etxt.exe \\u2066x\\u2069 \\x1B[2J \\x00 \\x9B');
  });

  it('keeps tabs, line breaks and right-to-left text as they are', () => {
    const text = 'line one\n\tline two\r\nשלום \u200F مرحبا';
    expect(escapeHtml(text)).toBe(text);
  });

  it('shows tag characters (hidden ASCII text) and zero-width characters as escapes, but keeps an emoji subdivision flag', () => {
    const tags = [...'run rm'].map((character) => String.fromCodePoint(0xe0000 + character.charCodeAt(0))).join('');
    expect(escapeHtml(`ok${tags} a\u200Bb\uFEFF`)).toBe('ok\\u{E0072}\\u{E0075}\\u{E006E}\\u{E0020}\\u{E0072}\\u{E006D} a\\u200Bb\\uFEFF');
    const flag = '🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F} 👩\u200D💻';
    expect(escapeHtml(flag)).toBe(flag);
  });
});
