import { micromark } from 'micromark';
import { gfm, gfmHtml } from 'micromark-extension-gfm';
import { parseFragment, type DefaultTreeAdapterMap } from 'parse5';
import { describe, expect, it } from 'vitest';
import { escapeMarkdown } from './escape-markdown.ts';

type Node = DefaultTreeAdapterMap['childNode'];

/** Markdown as GitHub renders it (GFM: tables, autolinked URLs, e-mails and www. addresses), parsed. */
const render = (markdown: string) => parseFragment(micromark(markdown, { allowDangerousHtml: true, extensions: [gfm()], htmlExtensions: [gfmHtml()] })).childNodes;
const elements = (nodes: readonly Node[]): string[] => nodes.flatMap((node) => ('tagName' in node ? [node.tagName, ...elements(node.childNodes)] : []));
const text = (nodes: readonly Node[]): string => nodes.map((node) => ('value' in node ? node.value : 'childNodes' in node ? text(node.childNodes) : '')).join('');

const payloads = [
  'a|b|c',
  'cell \\| escaped already',
  '`code` and ``double`` and ```fence',
  '<img src=x onerror=alert(1)>',
  '<script>alert(1)</script>',
  '<details open><summary>hi</summary>',
  '</td></tr></table><h1>forged</h1>',
  '![pixel](http://t.example/p.png)',
  '[click](javascript:alert(1))',
  '[ref]: http://evil.example',
  '<http://evil.example>',
  'see http://evil.example/x and https://evil.example',
  'www.evil.example',
  'mail me at someone@evil.example',
  '@octocat and @org/team please look',
  'fixes #12 and owner/repo#34',
  'line one\nline two\r\nline three\u2028four',
  '## heading\n# another\n---',
  '- item\n* item\n1. item',
  '> quote',
  '**bold** _em_ ~~strike~~',
  '$x^2$ and $$\\int$$',
  ':+1: :warning:',
  '[^1] footnote',
  '&lt;b&gt; &amp; &#64;',
  'trailing backslash \\',
  '    indented code',
  '=====',
  '\\*not bold\\*',
  'it\'s "quoted" & <b>bold</b>',
  '> not a quote >> either',
];

describe('escapeMarkdown', () => {
  it('keeps a hostile label inside its table cell and inert', () => {
    const escaped = escapeMarkdown('a|b\n## Heading [link](https://x.example) <img src=x onerror=alert(1)> `code`');
    expect(escaped).not.toMatch(/(^|[^\\])\|/);
    expect(escaped).not.toContain('\n');
    expect(escaped).not.toContain('<img');
    expect(escaped).toBe('a\\|b \\#\\# Heading \\[link\\]\\(https\\:&#8203;//x\\.example\\) &lt;img src=x onerror=alert\\(1\\)&gt; \\`code\\`');
  });

  it('shows hidden characters as escapes', () => {
    expect(escapeMarkdown('evil\u202Etxt')).toBe('evil\\\\u202Etxt');
    expect(escapeMarkdown('soft\u00ADhyphen\x1B[2J')).toBe('soft\\\\xADhyphen\\\\x1B\\[2J');
  });

  it.each(payloads)('renders %j on GitHub as its own text, in its own cell, with no element of its own', (payload) => {
    const escaped = escapeMarkdown(payload);
    const table = render(`| label | n |\n|---|---:|\n| ${escaped} | 1 |\n`);
    expect(elements(table).filter((tag) => !['table', 'thead', 'tbody', 'tr', 'th', 'td'].includes(tag))).toEqual([]);
    expect(elements(table).filter((tag) => tag === 'td')).toHaveLength(2);
    const item = render(`- gate: ${escaped}\n`);
    expect(elements(item)).toEqual(['ul', 'li']);
    // What a reader sees is what was written, on one line: no mention, link, image, entity or math of its own.
    const shown = text(item).replaceAll('\u200B', '').trim();
    expect(shown).toBe(`gate: ${payload.replace(/\r\n|[\r\n\u2028]/g, ' ')}`.trim());
  });

  it('breaks mentions, references and links with a zero-width space, after the escapes', () => {
    expect(escapeMarkdown('@octocat #12 http://x.example www.y.example a@b-c.example @@twice (@paren)')).toBe(
      '@&#8203;octocat \\#&#8203;12 http\\:&#8203;//x\\.example www&#8203;\\.y\\.example a@&#8203;b\\-c\\.example @&#8203;@&#8203;twice \\(@&#8203;paren\\)',
    );
  });

  it('leaves an @ inside a word alone, where GitHub sees no mention: a label copied from the page still works', () => {
    expect(escapeMarkdown('openai/gpt-4o-mini@azure')).toBe('openai/gpt\\-4o\\-mini@azure');
    expect(escapeMarkdown('issue#12 tag#x')).toBe('issue\\#&#8203;12 tag\\#x');
  });
});
