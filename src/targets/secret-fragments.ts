/**
 * Pieces of a key that a cut left in a text: an answer that stalled half-way through an echoed
 * key ends with its first characters; an error that quotes one SSE event of a key split across
 * two holds the other half.
 *
 * At an edge of the text (where a stream or a cut stopped), a piece of 6 characters or more is
 * blanked; inside it, a whole piece of 8 or more (one the text cuts off on both sides, as a quoted
 * chunk does). Why these lengths: a shorter piece gives away at most 5 (or 7) of a key's 30-odd
 * random characters, leaving well over 100 bits to guess, while ordinary text would start to match
 * it: the last word of an answer can begin like a key, and a word inside it can equal part of one.
 * A piece that lies wholly in a key's public prefix (`sk-proj-`, `sk-ant-api03-`: the same for
 * every key of the kind) gives nothing away and is left alone.
 */
export const minimumEdgeFragment = 6;
export const minimumInnerFragment = 8;

export type Span = [number, number];

export type FragmentFinder = (text: string) => Span[];

export function fragmentFinder(secret: string): FragmentFinder {
  const publicLength = publicPrefixLength(secret);
  // Where each of the key's 8-character pieces starts in it.
  const grams = new Map<string, number[]>();
  for (let start = 0; start + minimumInnerFragment <= secret.length; start++) {
    const gram = secret.slice(start, start + minimumInnerFragment);
    grams.set(gram, [...(grams.get(gram) ?? []), start]);
  }
  // The key's own characters, and the pairs its pieces start with: a cheap test before a lookup.
  const inKey = new Uint8Array(0x10000);
  for (let index = 0; index < secret.length; index++) inKey[secret.charCodeAt(index)] = 1;
  const openings = new Set([...grams.keys()].map((gram) => pairAt(gram, 0)));
  return (text) => {
    const spans: Span[] = [];
    const longest = Math.min(secret.length - 1, text.length);
    // The text ends with the key's first characters: the longest such piece.
    for (let length = longest; length >= minimumEdgeFragment && length > publicLength; length--) {
      if (sameRange(text, text.length - length, secret, 0, length)) {
        spans.push([text.length - length, text.length]);
        break;
      }
    }
    // The text starts with the key's last characters.
    for (let length = longest; length >= minimumEdgeFragment; length--) {
      if (sameRange(text, 0, secret, secret.length - length, length)) {
        spans.push([0, length]);
        break;
      }
    }
    // Pieces inside the text lie in runs of the key's characters (in prose, few and short).
    let runStart = -1;
    for (let index = 0; index <= text.length; index++) {
      if (index < text.length && inKey[text.charCodeAt(index)] === 1) {
        if (runStart < 0) runStart = index;
        continue;
      }
      for (let at = runStart; runStart >= 0 && at + minimumInnerFragment <= index; at++) {
        if (!openings.has(pairAt(text, at))) continue;
        const offsets = grams.get(text.slice(at, at + minimumInnerFragment));
        if (!offsets) continue;
        const piece = widest(secret, text, at, offsets);
        if (isCutOff(secret, text, piece) && piece.secretEnd > publicLength) spans.push([piece.start, piece.end]);
        at = Math.max(at, piece.end - 1);
      }
      runStart = -1;
    }
    return spans;
  };
}

function pairAt(text: string, at: number): number {
  return text.charCodeAt(at) * 0x10000 + text.charCodeAt(at + 1);
}

function sameRange(text: string, textStart: number, secret: string, secretStart: number, length: number): boolean {
  // The last character first: at a text's edge, it rules out almost every length at once.
  if (text.charCodeAt(textStart + length - 1) !== secret.charCodeAt(secretStart + length - 1)) return false;
  for (let index = 0; index < length; index++) if (text.charCodeAt(textStart + index) !== secret.charCodeAt(secretStart + index)) return false;
  return true;
}

type Piece = { start: number; end: number; secretStart: number; secretEnd: number };

/** The longest run of the key around a match of one of its 8-character pieces. */
function widest(secret: string, text: string, at: number, offsets: readonly number[]): Piece {
  let best: Piece | undefined;
  for (const offset of offsets) {
    let start = at;
    let secretStart = offset;
    while (start > 0 && secretStart > 0 && text[start - 1] === secret[secretStart - 1]) {
      start--;
      secretStart--;
    }
    let end = at + minimumInnerFragment;
    let secretEnd = offset + minimumInnerFragment;
    while (end < text.length && secretEnd < secret.length && text[end] === secret[secretEnd]) {
      end++;
      secretEnd++;
    }
    if (!best || end - start > best.end - best.start) best = { start, end, secretStart, secretEnd };
  }
  return best ?? { start: at, end: at + minimumInnerFragment, secretStart: 0, secretEnd: minimumInnerFragment };
}

/** The piece ends where the key ends or where the text stops being a word: a cut, not a coincidence inside a longer word. */
function isCutOff(secret: string, text: string, piece: Piece): boolean {
  const before = piece.start === 0 || piece.secretStart === 0 || !isWordCharacter(text[piece.start - 1] ?? '');
  const after = piece.end === text.length || piece.secretEnd === secret.length || !isWordCharacter(text[piece.end] ?? '');
  return before && after;
}

function isWordCharacter(character: string): boolean {
  return /[\p{L}\p{N}]/u.test(character);
}

/** `sk-`, `sk-proj-`, `sk-ant-api03-`: short lower-case words before the random part. */
function publicPrefixLength(secret: string): number {
  const length = /^(?:[a-z0-9]{1,8}[-_]){1,3}/.exec(secret)?.[0].length ?? 0;
  return secret.length - length >= 16 ? length : 0;
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
