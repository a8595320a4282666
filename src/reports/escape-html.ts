const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Characters a page shows as nothing (or turns into U+FFFD) and the bidirectional overrides and
 * isolates, which reorder the text around them (`evil\u202Etxt.exe` reads as `evilexe.txt`):
 * shown as escapes, as on the terminal. Tab, newline and CR stay: answers are shown in `<pre>`.
 */
const hidden = /[\0-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\u202A-\u202E\u2066-\u2069]/g;

/** Text made safe for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => entities[character] ?? character).replace(hidden, visibleEscape);
}

function visibleEscape(character: string): string {
  const code = character.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).toUpperCase().padStart(2, '0')}` : `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
}
