import type { AttemptRecord } from '../records/attempt-record.ts';

/**
 * Whether the provider served part of this call's prompt from its prompt cache: it reported cached
 * input tokens, and the prompt was not cache-busted (--cache-bust's nonce). A call that reported no
 * cached tokens, or 0, counts as cold.
 */
export function isWarmCache(record: Pick<AttemptRecord, 'usage' | 'cacheBusted'>): boolean {
  return record.cacheBusted !== true && (record.usage.cachedInputTokens ?? 0) > 0;
}
