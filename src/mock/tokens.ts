/**
 * A deterministic stand-in for a tokenizer: a word piece of up to 8 letters or digits (with its
 * leading space), a single other character, or trailing whitespace. Joining the pieces gives back
 * the text exactly, so the usage we report always equals what we streamed.
 */
const tokenPattern = /\s*[\p{L}\p{N}]{1,8}|\s*[^\s\p{L}\p{N}]|\s+/gu;

export function tokenize(text: string): string[] {
  return text.match(tokenPattern) ?? [];
}

export function countTokens(text: string): number {
  return tokenize(text).length;
}
