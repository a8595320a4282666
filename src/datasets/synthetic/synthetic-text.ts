import { wordList } from './word-list.ts';

/**
 * A seeded source of prose-like text, as pieces of exactly one token each: a word with its leading
 * space, or a full stop ending a sentence of 4 to 14 words. The same key gives the same pieces.
 */
export function createTextSource(key: string): { pieces(count: number): string[] } {
  const random = createRandom(hashString(key));
  let wordsLeft = 0;
  return {
    pieces(count) {
      const pieces: string[] = [];
      while (pieces.length < count) {
        if (wordsLeft === 0) {
          wordsLeft = 4 + Math.floor(random() * 11);
          continue;
        }
        pieces.push(` ${wordList[Math.floor(random() * wordList.length)]!}`);
        wordsLeft -= 1;
        if (wordsLeft === 0 && pieces.length < count) pieces.push('.');
      }
      return pieces;
    },
  };
}

/** mulberry32: tiny, fast, and enough to make a text reproducible from its key. */
function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** FNV-1a of a text. */
function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
