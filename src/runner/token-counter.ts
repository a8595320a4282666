import type { ModelMessage } from 'ai';

export type TokenCounter = (text: string) => number;

let cached: Promise<TokenCounter> | undefined;

/**
 * o200k_base (GPT-4o's tokenizer), loaded once. It is a large table, so callers load it before
 * the first request is timed: parsing it mid-run would stall every stream in flight.
 */
export function loadTokenCounter(): Promise<TokenCounter> {
  cached ??= (async () => {
    const [{ Tiktoken }, { default: ranks }] = await Promise.all([
      import('js-tiktoken/lite'),
      import('js-tiktoken/ranks/o200k_base'),
    ]);
    const encoder = new Tiktoken(ranks);
    return (text: string) => countInRuns(text, (piece) => encoder.encode(piece, 'all').length);
  })();
  return cached;
}

/**
 * Runs of 64 or more characters without a space (or of spaces alone) are one piece for the
 * tokenizer, whose merges take time quadratic in a piece's length (16,000 letters: 42 s here),
 * and a server can send such a run of any length: they are estimated at 4 characters a token
 * instead, and the rest is counted exactly.
 */
const longRun = 64;

function countInRuns(text: string, encode: (piece: string) => number): number {
  let tokens = 0;
  let counted = 0;
  let runStart = 0;
  const endRun = (end: number) => {
    if (end - runStart < longRun) return;
    if (runStart > counted) tokens += encode(text.slice(counted, runStart));
    tokens += Math.ceil((end - runStart) / 4);
    counted = end;
  };
  for (let index = 1; index <= text.length; index++) {
    if (index < text.length && isSpace(text.charCodeAt(index)) === isSpace(text.charCodeAt(index - 1))) continue;
    endRun(index);
    runStart = index;
  }
  return tokens + (counted < text.length ? encode(text.slice(counted)) : 0);
}

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
