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
  const grams = new Set<string>();
  for (let start = 0; start + minimumInnerFragment <= secret.length; start++) grams.add(secret.slice(start, start + minimumInnerFragment));
  const inner = new RegExp([...grams].map(escapeRegExp).join('|'), 'g');
  return (text) => {
    const spans: Span[] = [];
    // The text ends with the key's first characters: the longest such piece.
    for (let length = secret.length - 1; length >= minimumEdgeFragment; length--) {
      if (length <= publicLength) break;
      if (text.endsWith(secret.slice(0, length))) {
        spans.push([text.length - length, text.length]);
        break;
      }
    }
    // The text starts with the key's last characters.
    for (let length = secret.length - 1; length >= minimumEdgeFragment; length--) {
      if (text.startsWith(secret.slice(secret.length - length))) {
        spans.push([0, length]);
        break;
      }
    }
    inner.lastIndex = 0;
    for (let match = inner.exec(text); match; match = inner.exec(text)) {
      const piece = widest(secret, text, match.index, match[0]);
      if (piece && isCutOff(secret, text, piece) && piece.secretEnd > publicLength) spans.push([piece.start, piece.end]);
      inner.lastIndex = Math.max(match.index + 1, piece?.end ?? 0);
    }
    return spans;
  };
}

type Piece = { start: number; end: number; secretStart: number; secretEnd: number };

/** The longest run of the key around a match of one of its 8-character pieces. */
function widest(secret: string, text: string, at: number, gram: string): Piece | undefined {
  let best: Piece | undefined;
  for (let offset = secret.indexOf(gram); offset !== -1; offset = secret.indexOf(gram, offset + 1)) {
    let start = at;
    let secretStart = offset;
    while (start > 0 && secretStart > 0 && text[start - 1] === secret[secretStart - 1]) {
      start--;
      secretStart--;
    }
    let end = at + gram.length;
    let secretEnd = offset + gram.length;
    while (end < text.length && secretEnd < secret.length && text[end] === secret[secretEnd]) {
      end++;
      secretEnd++;
    }
    if (!best || end - start > best.end - best.start) best = { start, end, secretStart, secretEnd };
  }
  return best;
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
