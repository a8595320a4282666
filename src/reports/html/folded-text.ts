import { escapeHtml } from '../escape-html.ts';

/** `text`'s first `limit` characters, never splitting a surrogate pair, with `…` when cut. */
export function cutText(text: string, limit: number): string {
  if (text.length <= limit) return text;
  return `${text.slice(0, safeEnd(text, limit))}…`;
}

export type FoldOptions = {
  /** Longer texts are folded: part shows, the rest opens on a click. */
  inline: number;
  /** The longest text the page carries at all; the whole is in results.jsonl or the dataset. */
  limit: number;
  /** The head a folded text shows in its summary. */
  head?: number;
  /**
   * `tail`: the end of the text shows (a prompt's question comes after its system prompt and
   * earlier turns), from a line start within its last `inline / 2` characters; what comes before
   * is folded, and a text over `limit` loses its middle, not its end.
   */
  keep?: 'head' | 'tail';
};

/**
 * A text in a `<pre>`, escaped; a long one folded into a closed `<details>` whose summary is its
 * head and whose body the rest (no character is written twice, so a page of 10,000 answers stays
 * small, and closed bodies are not laid out). Empty text is nothing.
 */
export function foldedText(text: string, options: FoldOptions): string {
  if (text === '') return '';
  if (options.keep === 'tail') return tailFolded(text, options);
  const { inline, limit, head = 80 } = options;
  const shown = cutText(text, limit);
  if (shown.length <= inline) return `<pre>${escapeHtml(shown)}</pre>`;
  const end = safeEnd(shown, head);
  return `<details class="long"><summary>${escapeHtml(shown.slice(0, end))}…</summary><pre>…${escapeHtml(shown.slice(end))}</pre></details>`;
}

function tailFolded(text: string, { inline, limit, head = 80 }: FoldOptions): string {
  if (text.length <= Math.min(inline, limit)) return `<pre>${escapeHtml(text)}</pre>`;
  // The end shown, and at least the summary's head before it, within `limit`.
  let start = safeEnd(text, text.length - Math.max(1, Math.min(Math.floor(inline / 2), limit - head)));
  const lineStart = text.indexOf('\n', start);
  if (lineStart !== -1 && lineStart < text.length - 1) start = lineStart + 1;
  const tail = text.slice(start);
  const before = cutText(text.slice(0, start).replace(/\n$/, ''), Math.max(head, limit - tail.length));
  const end = safeEnd(before, head);
  const rest = before.length > end + 1 ? `<pre>…${escapeHtml(before.slice(end))}</pre>` : '';
  return `<details class="long"><summary>${escapeHtml(before.slice(0, end))}${before.length > end ? '…' : ''}</summary>${rest}</details><pre>${escapeHtml(tail)}</pre>`;
}

/** `end`, or one less when that would split a surrogate pair. */
function safeEnd(text: string, end: number): number {
  const code = text.charCodeAt(end - 1);
  return code >= 0xd800 && code <= 0xdbff ? end - 1 : end;
}

/** `text` at most `limit` characters, its middle replaced by `…` when cut: two long names that share a start stay apart. */
export function cutMiddle(text: string, limit: number): string {
  if (text.length <= limit) return text;
  const head = safeEnd(text, Math.ceil((limit - 1) / 2));
  let tail = text.length - Math.floor((limit - 1) / 2);
  // Not starting on the second half of a surrogate pair.
  if (tail < text.length && text.charCodeAt(tail) >= 0xdc00 && text.charCodeAt(tail) <= 0xdfff) tail += 1;
  return `${text.slice(0, head)}…${text.slice(tail)}`;
}
