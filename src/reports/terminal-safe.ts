/**
 * Characters a terminal acts on instead of showing: C0 controls and DEL (ESC starts the escape
 * sequences that clear the screen, write the clipboard (OSC 52) or hide a link (OSC 8); BEL, BS
 * and CR rewrite what is shown), the C1 controls U+0080–U+009F (U+009B is a one-character CSI in
 * some terminals), and the bidirectional controls that reorder the text around them.
 * Newline and tab are left to `terminalSafe` without `oneLine`.
 */
const unsafeInLines = /[\0-\x08\x0B-\x1F\x7F-\x9F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
const unsafeInOneLine = /[\0-\x1F\x7F-\x9F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

const named: Record<string, string> = { '\n': '\\n', '\t': '\\t', '\r': '\\r' };

/**
 * Text from outside (a server's message, an answer, a case id, a label, a file's contents) made
 * inert for a terminal: each control character is shown as an escape (`\x1B`, `\u202E`) instead
 * of acting. With `oneLine`, newlines and tabs too, for a value set inside a line of our own,
 * which it must not end or break up.
 */
export function terminalSafe(text: string, options: { oneLine?: boolean } = {}): string {
  return text.replace(options.oneLine ? unsafeInOneLine : unsafeInLines, (character) => named[character] ?? visibleEscape(character));
}

function visibleEscape(character: string): string {
  const code = character.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).toUpperCase().padStart(2, '0')}` : `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
}
