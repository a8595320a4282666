import { decodedView } from './decoded-view.ts';
import { providerKinds } from './provider-kinds.ts';
import { escapeRegExp, fragmentFinder, type Span } from './secret-fragments.ts';

/** Shorter values are too likely to occur in ordinary text to be blanked everywhere. */
const minimumSecretLength = 8;
export const redactedMarker = '[REDACTED]';

/**
 * A function that blanks every secret in a text, in any encoding a server, a proxy or a model is
 * likely to echo it in, and any piece of one that a cut left behind:
 * - as it is, in any case (`SK-…`), with white space inside (a wrapped line);
 * - base64 (standard and URL alphabets, at each of the three byte alignments a secret can have
 *   inside a longer encoded string, so `Basic base64(user:key)` is caught too) and hex;
 * - behind escapes, decoded in a copy that maps back to the text (see decoded-view.ts): JSON and
 *   Python escapes (`\u0073`, `\\u0073`, `\x73`, `\/`), percent-encoding, HTML references,
 *   zero-width characters, in any mix with plain characters and each other;
 * - a piece at the text's start or end, or cut off inside it (see secret-fragments.ts).
 * The blanked span is the original text the match came from, escapes and all.
 */
export function createRedactor(secrets: Iterable<string | undefined>): (text: string) => string {
  const keys = [...new Set([...secrets].filter((secret): secret is string => !!secret && secret.length >= minimumSecretLength))];
  if (keys.length === 0) return (text) => text;
  const forms = new Set<string>();
  for (const key of keys) for (const form of encodedForms(key)) forms.add(form);
  // Longest first, so that a form containing another is blanked whole.
  const ordered = [...forms].sort((a, b) => b.length - a.length);
  // White space may fall anywhere inside: base64 wrapped at 76 characters, a wrapped message.
  const whole = new RegExp(ordered.map((form) => [...form].map(escapeRegExp).join('\\s*')).join('|'), 'gi');
  const fragments = keys.map(fragmentFinder);
  const find = (text: string): Span[] => [
    ...[...text.matchAll(whole)].map((match): Span => [match.index, match.index + match[0].length]),
    ...fragments.flatMap((finder) => finder(text)),
  ];
  return (text) => {
    if (text.length === 0) return text;
    const view = decodedView(text);
    // The copy holds every plain form too: an escape never overlaps a key's own characters.
    const spans = view ? find(view.text).map(([start, end]) => view.toOriginal(start, end)) : find(text);
    return blank(text, spans);
  };
}

function encodedForms(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const forms = [secret, bytes.toString('hex')];
  for (let skip = 0; skip < 3; skip++) {
    const aligned = bytes.subarray(skip, bytes.length - ((bytes.length - skip) % 3));
    if (aligned.length < 6) continue;
    forms.push(aligned.toString('base64'), aligned.toString('base64url'));
  }
  return forms;
}

/** Each span replaced by the marker; overlapping and touching spans become one. */
function blank(text: string, spans: Span[]): string {
  if (spans.length === 0) return text;
  const sorted = spans.toSorted((a, b) => a[0] - b[0]);
  const parts: string[] = [];
  let at = 0;
  let current: Span | undefined;
  for (const span of sorted) {
    if (current && span[0] <= current[1]) {
      current[1] = Math.max(current[1], span[1]);
      continue;
    }
    if (current) {
      parts.push(text.slice(at, current[0]), redactedMarker);
      at = current[1];
    }
    current = [span[0], span[1]];
  }
  if (current) parts.push(text.slice(at, current[0]), redactedMarker, text.slice(current[1]));
  return parts.join('');
}

/**
 * A redactor for every key the environment holds for any provider kind: for output written
 * before (or without) targets being resolved, such as an unexpected error's stack trace.
 */
export function environmentRedactor(environment: Record<string, string | undefined>): (text: string) => string {
  return createRedactor(Object.values(providerKinds).flatMap((kind) => kind.secretEnvironment.map((name) => environment[name])));
}
