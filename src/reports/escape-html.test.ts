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
});
