/** Shorter values are too likely to occur in ordinary text to be blanked everywhere. */
const minimumSecretLength = 8;
export const redactedMarker = '[REDACTED]';

/**
 * A function that blanks every secret in a text: raw, URL-encoded, and base64 (standard and URL
 * alphabets, at each of the three byte alignments a secret can have inside a longer encoded
 * string, so `Basic base64(user:key)` is caught too).
 */
export function createRedactor(secrets: Iterable<string | undefined>): (text: string) => string {
  const patterns = new Set<string>();
  for (const secret of secrets) {
    if (!secret || secret.length < minimumSecretLength) continue;
    patterns.add(secret);
    patterns.add(encodeURIComponent(secret));
    const bytes = Buffer.from(secret, 'utf8');
    for (let skip = 0; skip < 3; skip++) {
      const aligned = bytes.subarray(skip, bytes.length - ((bytes.length - skip) % 3));
      if (aligned.length < 6) continue;
      const base64 = aligned.toString('base64');
      patterns.add(base64);
      patterns.add(aligned.toString('base64url'));
    }
  }
  const ordered = [...patterns].sort((a, b) => b.length - a.length);
  if (ordered.length === 0) return (text) => text;
  const matcher = new RegExp(ordered.map(escapeRegExp).join('|'), 'g');
  return (text) => text.replace(matcher, redactedMarker);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
