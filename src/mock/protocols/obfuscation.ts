const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * The `obfuscation` field OpenAI adds to stream events: random characters that pad short deltas
 * so an event's size says less about its token. Clients ignore it; it is here so the events have
 * the real fields and roughly the real sizes. Deterministic, since nothing reads its value.
 */
export function obfuscation(delta: string): string {
  const length = Math.max(2, 10 - delta.length);
  let text = '';
  for (let index = 0; index < length; index++) text += alphabet[(delta.length * 7 + index * 13) % alphabet.length];
  return text;
}
