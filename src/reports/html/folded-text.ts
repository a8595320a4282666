import { escapeHtml } from '../escape-html.ts';

/** `text`'s first `limit` characters, never splitting a surrogate pair, with `…` when cut. */
export function cutText(text: string, limit: number): string {
  if (text.length <= limit) return text;
  const end = isHighSurrogate(text.charCodeAt(limit - 1)) ? limit - 1 : limit;
  return `${text.slice(0, end)}…`;
}

export type FoldOptions = {
  /** Longer texts are folded: their head shows, the rest opens on a click. */
  inline: number;
  /** The longest text the page carries at all; the whole is in results.jsonl or the dataset. */
  limit: number;
  /** The head a folded text shows. */
  head?: number;
};

/**
 * A text in a `<pre>`, escaped; a long one folded into a closed `<details>` whose summary is its
 * head and whose body the rest (no character is written twice, so a page of 10,000 answers stays
 * small, and closed bodies are not laid out). Empty text is nothing.
 */
export function foldedText(text: string, { inline, limit, head = 80 }: FoldOptions): string {
  if (text === '') return '';
  const shown = cutText(text, limit);
  if (shown.length <= inline) return `<pre>${escapeHtml(shown)}</pre>`;
  const end = isHighSurrogate(shown.charCodeAt(head - 1)) ? head - 1 : head;
  return `<details class="long"><summary>${escapeHtml(shown.slice(0, end))}…</summary><pre>…${escapeHtml(shown.slice(end))}</pre></details>`;
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
