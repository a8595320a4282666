const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Characters a page shows as nothing (or turns into U+FFFD) and the bidirectional overrides and
 * isolates, which reorder the text around them (`evil\u202Etxt.exe` reads as `evilexe.txt`):
 * shown as escapes, as on the terminal. So are the tag characters U+E0000–U+E007F, which hide a
 * whole ASCII text ("ASCII smuggling"), except in an emoji flag sequence (🏴 + `gbsct` + cancel
 * tag), and zero-width spaces, word joiners, the BOM and the Hangul fillers, which show as nothing.
 * Tab, newline and CR stay (answers are shown in `<pre>`), as do the right-to-left mark and the
 * joiners that right-to-left, Indic and emoji text needs.
 */
const hidden = /\u{1F3F4}[\u{E0030}-\u{E0039}\u{E0061}-\u{E007A}]{2,7}\u{E007F}|[\0-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\u202A-\u202E\u2066-\u2069\u200B\u2060-\u2064\uFEFF\u180E\u115F\u1160\u3164\uFFA0\u{E0000}-\u{E007F}]/gu;

/** Text made safe for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => entities[character] ?? character).replace(hidden, (match) => (match.length > 2 ? match : visibleEscape(match)));
}

function visibleEscape(character: string): string {
  const code = character.codePointAt(0) ?? 0;
  if (code > 0xffff) return `\\u{${code.toString(16).toUpperCase()}}`;
  return code <= 0xff ? `\\x${code.toString(16).toUpperCase().padStart(2, '0')}` : `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
}
