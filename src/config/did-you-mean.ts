import { distance } from 'fastest-levenshtein';

/** `max-tokens`, `max_tokens`, `MaxTokens` -> `maxtokens`: spellings of one name in other cases. */
function folded(name: string): string {
  return name.replace(/[-_\s]/g, '').toLowerCase();
}

/**
 * The known name a misspelled one most likely meant: the same name in another case or in
 * kebab/snake case (`max-tokens` -> `maxTokens`, `timeout_ms` -> `timeoutMs`), else the closest
 * within two edits. Undefined when none is close: a wild guess would mislead more than help.
 */
export function didYouMean(name: string, known: readonly string[]): string | undefined {
  const exact = known.find((candidate) => folded(candidate) === folded(name));
  if (exact !== undefined) return exact;
  let best: { candidate: string; edits: number } | undefined;
  for (const candidate of known) {
    const edits = distance(folded(name), folded(candidate));
    if (edits <= 2 && edits < folded(candidate).length && (best === undefined || edits < best.edits)) best = { candidate, edits };
  }
  return best?.candidate;
}
