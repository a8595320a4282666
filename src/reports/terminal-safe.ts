/**
 * Characters a terminal acts on instead of showing, or that show as nothing and so disguise the
 * text around them:
 * - C0 controls and DEL (ESC starts the escape sequences that clear the screen, write the
 *   clipboard (OSC 52) or hide a link (OSC 8); BEL, BS and CR rewrite what is shown), and the C1
 *   controls U+0080–U+009F (U+009B is a one-character CSI in some terminals);
 * - the line and paragraph separators U+2028 and U+2029, which some terminals and viewers break
 *   the line at: a forged second line;
 * - every invisible format character (`\p{Cf}`) and default-ignorable code point: the
 *   bidirectional controls that reorder the text around them, zero-width spaces, soft hyphens,
 *   word joiners, Hangul fillers, and the tag characters U+E0000–U+E007F that hide a whole
 *   ASCII text ("ASCII smuggling").
 * Kept, because text needs them and they hide nothing: variation selectors (emoji and CJK
 * presentation); the zero-width joiner and non-joiner after a character outside ASCII (emoji
 * sequences such as 👩‍💻, Persian and Indic spelling), though not after ASCII, where no script
 * needs them; and the tag characters of an emoji flag sequence (🏴 followed by a subdivision
 * code such as `gbsct` and the cancel tag).
 * Newline and tab are left to `terminalSafe` without `oneLine`.
 */
const invisible = String.raw`\p{Zl}\p{Zp}\p{Cf}\p{Default_Ignorable_Code_Point}`;
const flag = String.raw`\u{1F3F4}[\u{E0030}-\u{E0039}\u{E0061}-\u{E007A}]{2,7}\u{E007F}`;
const unsafeInLines = new RegExp(String.raw`${flag}|[\0-\x08\x0B-\x1F\x7F-\x9F${invisible}]`, 'gu');
const unsafeInOneLine = new RegExp(String.raw`${flag}|[\0-\x1F\x7F-\x9F${invisible}]`, 'gu');

const named: Record<string, string> = { '\n': '\\n', '\t': '\\t', '\r': '\\r' };

/**
 * Text from outside (a server's message, an answer, a case id, a label, a file's contents) made
 * inert for a terminal: each such character is shown as an escape (`\x1B`, `\u202E`,
 * `\u{E0041}`) instead of acting or hiding. With `oneLine`, newlines and tabs too, for a value
 * set inside a line of our own, which it must not end or break up.
 */
export function terminalSafe(text: string, options: { oneLine?: boolean } = {}): string {
  return text.replace(options.oneLine ? unsafeInOneLine : unsafeInLines, (match: string, offset: number, whole: string) => {
    if (match.length > 2 || isKept(match, offset, whole)) return match;
    return named[match] ?? visibleEscape(match);
  });
}

const hidden = new RegExp(String.raw`^[\0-\x1F\x7F-\x9F${invisible}]$`, 'u');

function isKept(character: string, offset: number, whole: string): boolean {
  const code = character.codePointAt(0) ?? 0;
  if (isVariationSelector(code)) return true;
  if (code !== 0x200c && code !== 0x200d) return false;
  // A joiner right after a character outside ASCII that shows (an emoji, a letter, an emoji's variation selector).
  const before = previousCharacter(whole, offset);
  const previous = before.codePointAt(0) ?? 0;
  return previous > 0x7f && (isVariationSelector(previous) || !hidden.test(before));
}

function isVariationSelector(code: number): boolean {
  return (code >= 0xfe00 && code <= 0xfe0f) || (code >= 0xe0100 && code <= 0xe01ef) || (code >= 0x180b && code <= 0x180d) || code === 0x180f;
}

function previousCharacter(whole: string, offset: number): string {
  if (offset === 0) return '';
  const low = whole.charCodeAt(offset - 1);
  const start = low >= 0xdc00 && low <= 0xdfff && offset >= 2 ? offset - 2 : offset - 1;
  return String.fromCodePoint(whole.codePointAt(start) ?? 0);
}

function visibleEscape(character: string): string {
  const code = character.codePointAt(0) ?? 0;
  if (code > 0xffff) return `\\u{${code.toString(16).toUpperCase()}}`;
  return code <= 0xff ? `\\x${code.toString(16).toUpperCase().padStart(2, '0')}` : `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
}
