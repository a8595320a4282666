import { createRandom, hashString } from '../../config/seeded-random.ts';
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

