import { describe, expect, it } from 'vitest';
import { escapeMarkdown } from './escape-markdown.ts';

describe('escapeMarkdown', () => {
  it('keeps a hostile label inside its table cell and inert', () => {
    const text = escapeMarkdown('a|b\n## Heading [link](https://x.example) <img src=x onerror=alert(1)> `code`');
    expect(text).not.toMatch(/(^|[^\\])\|/);
    expect(text).not.toContain('\n');
    expect(text).not.toContain('<img');
    expect(text).toBe('a\\|b \\#\\# Heading \\[link\\]\\(https\\://x\\.example\\) &lt;img src=x onerror=alert\\(1\\)&gt; \\`code\\`');
  });

  it('shows hidden characters as escapes', () => {
    expect(escapeMarkdown('evil\u202Etxt')).toBe('evil\\\\u202Etxt');
  });
});
