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
    return (text: string) => encoder.encode(text, 'all').length;
  })();
  return cached;
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
