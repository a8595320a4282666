/**
 * A copy of a text with the escapes a server, a proxy or a model may wrap a key in decoded, and
 * invisible characters dropped, that knows where each of its characters came from: a key found
 * in the copy is blanked in the original, escapes and all. Layered: `%5Cu0073` decodes to
 * `\u0073`, then to `s`; `&amp;#115;` to `&#115;`, then to `s`.
 */
export type DecodedView = {
  text: string;
  /** The span of the original text that the copy's `[start, end)` came from. */
  toOriginal(start: number, end: number): [number, number];
};

/**
 * JSON, JavaScript and Python escapes (`\u0073`, `\u{73}`, `\U00000073`, `\x73`, `\163`, `\/`,
 * `\-`), with any number of backslashes (`\\u0073`, escaped twice); percent-encoding (`%73`,
 * `%u0073`); HTML character references (`&#115;`, `&#x73;`, `&sol;`); what a terminal shows as
 * nothing: ANSI escape sequences (`ESC[0m`, OSC ... BEL, 8-bit CSI) and other control characters;
 * Unicode tag characters (U+E0020–U+E007E, "ASCII smuggling": each stands for one ASCII
 * character); characters that show as nothing (zero-width spaces, joiners, soft hyphens,
 * direction marks, every default-ignorable code point); the combining marks that underline,
 * strike through or accent a letter (U+0300–U+036F and the other general combining blocks);
 * and every character whose compatibility form (NFKC) is plain ASCII: full-width (`ｓｋ－`),
 * mathematical bold or script (`𝐬𝐤`), circled (`ⓢⓚ`), superscript letters and digits, which
 * read as the letters they stand for.
 */
function escapesPattern(): RegExp {
  const sequences = String.raw`\x1B\[[0-?]*[ -/]*[@-~]|\x9B[0-?]*[ -/]*[@-~]|(?:\x1B[\]P^_X]|[\x90\x98\x9D-\x9F])[^\x07\x1B\x9C]{0,4096}(?:\x07|\x1B\\|\x9C)|\x1B[ -/]*[0-~]`;
  const escaped = String.raw`\\+(?:u\{[0-9a-fA-F]{1,6}\}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|x[0-9a-fA-F]{2}|[0-7]{3}|[nrt]|[!-/:-@[-\x60{-~])|%u[0-9a-fA-F]{4}|%[0-9a-fA-F]{2}|&#[xX][0-9a-fA-F]{1,6};?|&#[0-9]{1,7};?|&[a-zA-Z]{2,31};`;
  // Combining marks for Latin, Greek, Cyrillic and symbols: the underline or strike-through "styled text" tools add after each letter.
  const invisible = String.raw`[\0-\x08\x0E-\x1F\x7F-\x9F\p{Cf}\p{Default_Ignorable_Code_Point}\u0300-\u036F\u1AB0-\u1AFF\u1DC0-\u1DFF\u20D0-\u20FF\uFE20-\uFE2F]`;
  return new RegExp(`${sequences}|${escaped}|${invisible}|[${asciiCompatibilityRanges()}]`, 'gu');
}

/** The code points (outside the ASCII range, up to plane 1) whose NFKC form is printable ASCII: about 1,400, in 126 ranges. */
function asciiCompatibilityRanges(): string {
  const ranges: [number, number][] = [];
  for (let code = 0xa0; code <= 0x1ffff; code++) {
    if (code >= 0xd800 && code <= 0xdfff) continue;
    const character = String.fromCodePoint(code);
    const folded = character.normalize('NFKC');
    if (folded === character || !/^[\x20-\x7E]+$/.test(folded)) continue;
    const last = ranges.at(-1);
    if (last && last[1] === code - 1) last[1] = code;
    else ranges.push([code, code]);
  }
  const hex = (code: number) => `\\u{${code.toString(16)}}`;
  return ranges.map(([first, last]) => (first === last ? hex(first) : `${hex(first)}-${hex(last)}`)).join('');
}

/** Built on first use: the scan takes some 20 ms, which a run without secrets need not spend. */
let escapesCache: RegExp | undefined;
const escapes = (): RegExp => (escapesCache ??= escapesPattern());

/** Escapes inside escapes are rare: a few layers decode every form seen in the wild. */
const maximumLayers = 4;

/** The decoded view of `text`, or undefined when it holds nothing to decode. */
export function decodedView(text: string): DecodedView | undefined {
  let view: DecodedView | undefined;
  for (let layer = 0; layer < maximumLayers; layer++) {
    const next = decodeLayer(view?.text ?? text);
    if (!next) break;
    const outer = view;
    view = outer ? { text: next.text, toOriginal: (start, end) => outer.toOriginal(...next.toOriginal(start, end)) } : next;
  }
  return view;
}

/**
 * One pass: each escape decoded once. The copy maps back by the escapes alone: a decoded escape
 * came from the whole escape, and a plain character from its place after the escape before it.
 */
function decodeLayer(text: string): DecodedView | undefined {
  const pattern = escapes();
  pattern.lastIndex = 0;
  if (!pattern.test(text)) return undefined;
  const copyStarts: number[] = [];
  const copyEnds: number[] = [];
  const originalStarts: number[] = [];
  const originalEnds: number[] = [];
  let shrunk = 0;
  const decoded = text.replace(pattern, (escape: string, offset: number) => {
    const replacement = decodeEscape(escape);
    copyStarts.push(offset - shrunk);
    copyEnds.push(offset - shrunk + replacement.length);
    originalStarts.push(offset);
    originalEnds.push(offset + escape.length);
    shrunk += escape.length - replacement.length;
    return replacement;
  });
  // Only names this table does not know: the next layer would find the same.
  if (decoded === text) return undefined;
  const originalOf = (position: number): [number, number] => {
    // The last escape that starts at or before the position.
    let low = 0;
    let high = copyStarts.length - 1;
    if (high < 0 || (copyStarts[0] ?? 0) > position) return [position, position + 1];
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((copyStarts[middle] ?? 0) <= position) low = middle;
      else high = middle - 1;
    }
    // Escapes that decode to nothing share a start with the next: take the last one that holds the position.
    const end = copyEnds[low] ?? 0;
    if (position < end) return [originalStarts[low] ?? 0, originalEnds[low] ?? 0];
    const at = (originalEnds[low] ?? 0) + position - end;
    return [at, at + 1];
  };
  return {
    text: decoded,
    toOriginal: (start, end) => [originalOf(start)[0], originalOf(Math.max(start, end - 1))[1]],
  };
}

function decodeEscape(escape: string): string {
  const first = escape.charCodeAt(0);
  if (first === 0x25 /* % */) return codePoint(escape.slice(escape[1] === 'u' ? 2 : 1), 16);
  if (first === 0x26 /* & */) {
    if (escape[1] !== '#') return namedReferences[escape.slice(1, -1)] ?? escape;
    const hex = escape[2] === 'x' || escape[2] === 'X';
    return codePoint(escape.slice(hex ? 3 : 2, escape.endsWith(';') ? -1 : undefined), hex ? 16 : 10);
  }
  if (first !== 0x5c /* \ */) return plainForm(escape);
  let at = 1;
  while (escape.charCodeAt(at) === 0x5c) at++;
  const kind = escape[at] ?? '';
  if (at === escape.length - 1) return kind === 'n' || kind === 'r' || kind === 't' ? ' ' : kind;
  if (kind === 'u' || kind === 'U' || kind === 'x') return codePoint(escape.slice(escape[at + 1] === '{' ? at + 2 : at + 1).replace('}', ''), 16);
  return codePoint(escape.slice(at), 8);
}

/** A tag character's ASCII character; a compatibility form's NFKC form; nothing for what shows as nothing. */
function plainForm(character: string): string {
  const code = character.codePointAt(0) ?? 0;
  if (code >= 0xe0020 && code <= 0xe007e) return String.fromCharCode(code - 0xe0000);
  if (code < 0xa0 || character.length > 2) return ''; // a control character or an escape sequence
  const folded = character.normalize('NFKC');
  return folded === character ? '' : folded;
}

function codePoint(digits: string, radix: number): string {
  const value = Number.parseInt(digits, radix);
  return value <= 0x10ffff ? String.fromCodePoint(value) : '';
}

/** HTML's names for the ASCII characters a key or its base64 can hold, and for `&`, to decode `&amp;#115;`. */
const namedReferences: Record<string, string> = {
  amp: '&', AMP: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', Tab: ' ', NewLine: ' ',
  excl: '!', num: '#', dollar: '$', percnt: '%', lpar: '(', rpar: ')', ast: '*', midast: '*', plus: '+',
  comma: ',', period: '.', sol: '/', colon: ':', semi: ';', equals: '=', quest: '?', commat: '@',
  lsqb: '[', lbrack: '[', bsol: '\\', rsqb: ']', rbrack: ']', Hat: '^', lowbar: '_', UnderBar: '_',
  grave: '`', lcub: '{', lbrace: '{', verbar: '|', vert: '|', VerticalLine: '|', rcub: '}', rbrace: '}',
  hyphen: '-', dash: '-', minus: '-',
};
