import { createHash } from 'node:crypto';
import type { MockPromptCache } from '../config/mock-profile-schema.ts';
import { tokensPerImage, tokensPerMessage } from './generation.ts';
import type { NormalizedRequest } from './normalized-request.ts';
import { tokenize } from './tokens.ts';

export type PromptCacheSettings = Exclude<MockPromptCache, false>;

/**
 * One model's prompt cache: the prefix blocks it has prefilled, each usable from when its first
 * prefill finished (`readyAt`: a request that arrives while the first is still reading the prompt
 * finds nothing) until `ttlMs` after its last use. Keyed by a hash of every token up to the end of
 * the block, so a block is only ever a hit after the same whole prefix. No randomness: a seed and an
 * arrival order replay it exactly.
 */
export type PromptCache = {
  /** The prompt's cached tokens at `at` (whole leading blocks), and its blocks kept as ready from `readyAt`. */
  serve(blocks: readonly string[], at: number, readyAt: number): number;
  /** How many blocks it holds (for tests). */
  readonly size: number;
};

type Entry = { readyAt: number; expiresAt: number };

export function createPromptCache(settings: PromptCacheSettings): PromptCache {
  // A Map keeps insertion order: a block used again is moved to the end, so the first is the least recently used.
  const entries = new Map<string, Entry>();
  return {
    get size() {
      return entries.size;
    },
    serve(blocks, at, readyAt) {
      let warm = 0;
      for (const block of blocks) {
        const entry = entries.get(block);
        if (!entry || entry.expiresAt <= at || entry.readyAt > at) break;
        warm += 1;
      }
      for (const block of blocks) {
        const entry = entries.get(block);
        const kept = entry && entry.expiresAt > at ? Math.min(entry.readyAt, readyAt) : readyAt;
        entries.delete(block);
        entries.set(block, { readyAt: kept, expiresAt: at + settings.ttlMs });
      }
      while (entries.size > settings.maxBlocks) entries.delete(entries.keys().next().value!);
      return warm * settings.blockTokens;
    },
  };
}

/**
 * The keys of a prompt's whole blocks of `blockTokens` tokens, in order: each hashes the prompt up
 * to its end (roles and text, in the simulator's tokens; an image counts as a marker, its pixels
 * are not compared). A prompt shorter than one block has none, as OpenAI caches from 1024 tokens.
 * With them, the prompt's input tokens as countInputTokens counts them: one pass over the text
 * does both (tokenizing a 99K-token prompt is the simulator's largest cost per request).
 */
export function readPrompt(request: NormalizedRequest, blockTokens: number): { blocks: string[]; inputTokens: number } {
  const hash = createHash('sha256');
  const blocks: string[] = [];
  let inBlock = 0;
  let inputTokens = 0;
  const close = () => {
    blocks.push(hash.copy().digest('base64'));
    inBlock = 0;
  };
  for (const message of request.messages) {
    hash.update(`\u0000${message.role}\u0000`);
    if (++inBlock === blockTokens) close();
    // The text goes into the hash in slices, a block's worth at a time: the tokens only say where blocks end.
    let from = 0;
    let at = 0;
    const tokens = tokenize(message.text);
    inputTokens += tokensPerMessage + tokens.length + message.imageCount * tokensPerImage;
    for (const token of tokens) {
      at += token.length;
      if (++inBlock < blockTokens) continue;
      hash.update(message.text.slice(from, at));
      from = at;
      close();
    }
    if (from < message.text.length) hash.update(message.text.slice(from));
    for (let index = 0; index < message.imageCount; index++) {
      hash.update('\u0000image\u0000');
      if (++inBlock === blockTokens) close();
    }
  }
  return { blocks, inputTokens };
}

/** The keys of a prompt's whole blocks (see readPrompt). */
export function prefixBlocks(request: NormalizedRequest, blockTokens: number): string[] {
  return readPrompt(request, blockTokens).blocks;
}

/**
 * The time to first token of a prompt with `cachedTokens` of its `inputTokens` served from the
 * cache: the simulator's drawn TTFT is the cold prefill of the whole prompt, and the cached share
 * of it takes `cachedPrefillShare` of its cold time (0.2 by default: OpenAI reports up to 80% less latency).
 */
export function warmTtftMs(coldTtftMs: number, cachedTokens: number, inputTokens: number, cachedPrefillShare: number): number {
  if (cachedTokens <= 0 || inputTokens <= 0) return coldTtftMs;
  const cachedShare = Math.min(1, cachedTokens / inputTokens);
  return coldTtftMs * (1 - cachedShare * (1 - cachedPrefillShare));
}

/** Each running simulator's caches, one per model profile: they go with the server's state. */
const cachesByServer = new WeakMap<object, Map<string, PromptCache>>();

/** The cache of `profileId` on the simulator whose state is `server`; undefined when the profile turns it off. */
export function promptCacheFor(server: object, profileId: string, settings: MockPromptCache): PromptCache | undefined {
  if (settings === false) return undefined;
  let caches = cachesByServer.get(server);
  if (!caches) cachesByServer.set(server, (caches = new Map()));
  let cache = caches.get(profileId);
  if (!cache) caches.set(profileId, (cache = createPromptCache(settings)));
  return cache;
}
