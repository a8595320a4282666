import { providerKinds } from './provider-kinds.ts';

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
    const forms = [secret];
    const bytes = Buffer.from(secret, 'utf8');
    for (let skip = 0; skip < 3; skip++) {
      const aligned = bytes.subarray(skip, bytes.length - ((bytes.length - skip) % 3));
      if (aligned.length < 6) continue;
      forms.push(aligned.toString('base64'), aligned.toString('base64url'));
    }
    for (const form of forms) {
      patterns.add(escapeRegExp(form));
      // A server that writes JSON may escape every slash.
      if (form.includes('/')) patterns.add(escapeRegExp(form.replaceAll('/', '\\/')));
    }
    // Percent-encoding, in either case of hex digits (%2B and %2b).
    patterns.add(escapeRegExp(encodeURIComponent(secret)).replace(/%([0-9A-F])([0-9A-F])/g, (_, high: string, low: string) => `%[${high}${high.toLowerCase()}][${low}${low.toLowerCase()}]`));
  }
  // Longest first, so that a form containing another is blanked whole.
  const ordered = [...patterns].sort((a, b) => b.length - a.length);
  if (ordered.length === 0) return (text) => text;
  const matcher = new RegExp(ordered.join('|'), 'g');
  return (text) => text.replace(matcher, redactedMarker);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/**
 * A redactor for every key the environment holds for any provider kind: for output written
 * before (or without) targets being resolved, such as an unexpected error's stack trace.
 */
export function environmentRedactor(environment: Record<string, string | undefined>): (text: string) => string {
  return createRedactor(Object.values(providerKinds).flatMap((kind) => kind.secretEnvironment.map((name) => environment[name])));
}
