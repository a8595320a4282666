/**
 * Room kept past a cut for a secret that straddles it (a JWT runs to a kilobyte or two): the
 * redaction sees the secret whole, and the cut then removes what is left of the text.
 */
export const secretMargin = 64 * 1024;

/**
 * `text` redacted, then cut to `limit` characters (never between the two halves of a surrogate
 * pair). In that order, so that a cut cannot leave part of a secret behind; and the redaction
 * reads at most `limit + secretMargin` characters, so that its work is bounded too.
 */
export function redactAndCut(text: string, limit: number, redact: (text: string) => string): { text: string; cut: boolean } {
  if (text.length <= limit) return { text: redact(text), cut: false };
  const redacted = redact(text.slice(0, limit + secretMargin));
  return { text: cutAt(redacted, limit), cut: true };
}

/** A message of at most `limit` characters, redacted, that says where it was cut. */
export function boundedMessage(message: string, limit: number, redact: (text: string) => string): string {
  const { text, cut } = redactAndCut(message, limit, redact);
  return cut ? `${text}… [cut off at ${limit} characters]` : text;
}

/** The first `limit` characters, one fewer when the last would be half of a surrogate pair. */
export function cutAt(text: string, limit: number): string {
  if (text.length <= limit) return text;
  const last = text.charCodeAt(limit - 1);
  return text.slice(0, last >= 0xd800 && last <= 0xdbff ? limit - 1 : limit);
}
