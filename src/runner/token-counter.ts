import { createRequire } from 'node:module';
import type { ModelMessage } from 'ai';
import type { TiktokenBPE } from 'js-tiktoken/lite';

const require = createRequire(import.meta.url);

export type TokenCounter = (text: string) => number;

let encoder: ((piece: string) => number) | undefined;

/**
 * o200k_base (GPT-4o's tokenizer). Its table is large (0.35-0.4 s of CPU to build, 27 MB), and
 * most runs never count: servers report usage, and an estimate counts o200k only for OpenAI's
 * models. So the table is built at the first count, not before: a run against a server that
 * reports usage, and an estimate of other models, never pay for it. A server that never reports
 * usage gets its table built while the warm-up's answer is recorded (`--warmup`, 1 by default),
 * before any request is timed; with `--warmup 0`, at the first answer, in the run.
 *
 * `whole`: count every slice of a long text instead of sampling windows of it. Sampling can miss
 * a dense stretch (a page of Chinese in English prose), so a count that bounds a budget reads
 * the whole text: linear in its length (a 490,000-character prompt: about 0.3 s).
 */
export async function loadTokenCounter({ whole = false }: { whole?: boolean } = {}): Promise<TokenCounter> {
  return tokenCounter({ whole });
}

/** The same counter, synchronously: the table is built (synchronously) at its first count. */
export function tokenCounter({ whole = false }: { whole?: boolean } = {}): TokenCounter {
  const encode = (piece: string) => (encoder ??= loadO200k())(piece);
  return whole ? (text) => countSliced(text, encode) : (text) => countInRuns(text, encode);
}

/** Whether the table is built (tests, benches: what a run paid for). */
export const tokenTableLoaded = (): boolean => encoder !== undefined;

/** A text whose o200k_base tokens take a multi-byte merge: what a table filled wrongly would miscount. */
const probe = { text: 'Hello, world! 你好', tokens: [13225, 11, 2375, 0, 220, 177519] };

/**
 * js-tiktoken's constructor takes about a second of CPU and 170 MB at its peak for o200k_base: it
 * gathers the 200,000 ranks into an object, then decodes each token twice, once for `decode`,
 * which counting never calls. Counting needs only the encoder's table of merges (`rankMap`,
 * bytes joined by commas, as its `encode` looks them up), filled here directly: a third of the
 * CPU and of the memory. That table is the library's internal; should a version keep it
 * otherwise, the probe's count differs and its own constructor is used.
 */
function loadO200k(): (piece: string) => number {
  // Synchronous, so that a count needs no await: the table is built when first counted.
  const { Tiktoken } = require('js-tiktoken/lite') as typeof import('js-tiktoken/lite');
  const ranks = require('js-tiktoken/ranks/o200k_base') as TiktokenBPE;
  const lean = new Tiktoken({ ...ranks, bpe_ranks: '' });
  const rankMap: unknown = (lean as unknown as { rankMap?: unknown }).rankMap;
  if (rankMap instanceof Map) {
    // Each line: a name, the first token's rank, then base64 tokens of consecutive ranks.
    for (const line of ranks.bpe_ranks.split('\n')) {
      const fields = line.split(' ');
      const first = Number.parseInt(fields[1] ?? '', 10);
      for (let index = 2; index < fields.length; index++) rankMap.set(Buffer.from(fields[index]!, 'base64').join(','), first + index - 2);
    }
    if (lean.encode(probe.text, 'all').join() === probe.tokens.join()) return (piece) => lean.encode(piece, 'all').length;
  }
  const tiktoken = new Tiktoken(ranks);
  return (piece) => tiktoken.encode(piece, 'all').length;
}

/**
 * The tokenizer's merges take time quadratic in the length of a piece of text without a space
 * (16,000 letters: 42 s here; 2,000 Chinese characters: 5.7 s), and a server can send an answer
 * of any shape: runs longer than `sliceLength` characters (without a space, or of spaces alone)
 * are encoded in slices of that length, which moves the count by a few percent at most (Chinese,
 * base64, URLs: 2-12%, measured); and a text longer than `exactLength` is counted in `windows`
 * windows spread over it, and the count scaled to its length. The worst case (Chinese without
 * spaces) is then about 2 s for any length.
 */
const sliceLength = 32;
const exactLength = 32 * 1024;
const windows = 8;

function countInRuns(text: string, encode: (piece: string) => number): number {
  if (text.length <= exactLength) return countSliced(text, encode);
  const windowLength = exactLength / windows;
  let tokens = 0;
  let counted = 0;
  for (let index = 0; index < windows; index++) {
    const start = Math.floor(((text.length - windowLength) * index) / (windows - 1));
    const window = text.slice(start, start + windowLength);
    tokens += countSliced(window, encode);
    counted += window.length;
  }
  return Math.round((tokens * text.length) / counted);
}

/** Exact, but for runs longer than `sliceLength`, which are encoded slice by slice. */
function countSliced(text: string, encode: (piece: string) => number): number {
  let tokens = 0;
  let counted = 0;
  let runStart = 0;
  const endRun = (end: number) => {
    if (end - runStart <= sliceLength) return;
    if (runStart > counted) tokens += encode(text.slice(counted, runStart));
    for (let start = runStart; start < end; ) {
      let stop = Math.min(end, start + sliceLength);
      // Never between the two halves of a surrogate pair.
      if (stop < end && isHighSurrogate(text.charCodeAt(stop - 1))) stop--;
      tokens += encode(text.slice(start, stop));
      start = stop;
    }
    counted = end;
  };
  for (let index = 1; index <= text.length; index++) {
    if (index < text.length && isSpace(text.charCodeAt(index)) === isSpace(text.charCodeAt(index - 1))) continue;
    endRun(index);
    runStart = index;
  }
  return tokens + (counted < text.length ? encode(text.slice(counted)) : 0);
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;

function isSpace(code: number): boolean {
  return code <= 32 || code === 0x85 || code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000;
}

/** The text of a conversation, for estimating its input tokens. */
export function messagesText(messages: ModelMessage[], system?: string): string {
  const parts = system ? [system] : [];
  for (const message of messages) {
    if (typeof message.content === 'string') parts.push(message.content);
    else for (const part of message.content) if (part.type === 'text') parts.push(part.text);
  }
  return parts.join('\n');
}
