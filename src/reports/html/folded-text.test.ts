import { describe, expect, it } from 'vitest';
import { cutText, foldedText } from './folded-text.ts';

describe('cutText', () => {
  it('keeps a short text, and cuts a long one with … without splitting a surrogate pair', () => {
    expect(cutText('Paris', 5)).toBe('Paris');
    expect(cutText('Lyon, France', 4)).toBe('Lyon…');
    // 🙂 is two UTF-16 units: a cut between them would leave half a character.
    expect(cutText('ab🙂cd', 3)).toBe('ab…');
    expect(cutText('ab🙂cd', 4)).toBe('ab🙂…');
  });
});

describe('foldedText', () => {
  it('writes nothing for an empty text, a short one whole and escaped', () => {
    expect(foldedText('', { inline: 10, limit: 20 })).toBe('');
    expect(foldedText('<b>x</b>', { inline: 10, limit: 20 })).toBe('<pre>&lt;b&gt;x&lt;/b&gt;</pre>');
  });

  it('folds a long text: its head in the summary, the rest inside, no character twice, cut at the limit', () => {
    expect(foldedText('abcdefghij', { inline: 5, limit: 8, head: 3 })).toBe('<details class="long"><summary>abc…</summary><pre>…defgh…</pre></details>');
  });

  it('keeps the tail: the last lines show, the beginning folded, and a text over the limit loses its middle', () => {
    const prompt = `system: ${'rules '.repeat(20)}\nuser: the question`;
    expect(foldedText(prompt, { inline: 40, limit: 1000, head: 10, keep: 'tail' })).toBe(
      `<details class="long"><summary>system: ru…</summary><pre>…${`system: ${'rules '.repeat(20)}`.slice(10)}</pre></details><pre>user: the question</pre>`,
    );
    const folded = foldedText(prompt, { inline: 40, limit: 40, head: 10, keep: 'tail' });
    expect(folded).toBe('<details class="long"><summary>system: ru…</summary><pre>…les rules ru…</pre></details><pre>user: the question</pre>');
    // 40 characters shown in all: 22 of the beginning and the 18 of the question.
  });
});
