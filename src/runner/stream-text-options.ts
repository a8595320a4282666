import type { SystemModelMessage } from 'ai';
import type { Case } from '../datasets/case.ts';
import type { Target } from '../targets/index.ts';
import { cacheBustNonce, cacheBustText } from './cache-bust-nonce.ts';
import { caseRequestOptions } from './case-request-options.ts';
import { maxOutputTokensOf, type AttemptSettings } from './run-attempt.ts';

/**
 * What `streamText` is asked for one case on one target, fetch and signal aside: every engine
 * sends the same request (the lean engine captures the one the provider package builds from these).
 *
 * Under --cache-bust, the prompt opens with a system message of its own holding a nonce (fresh for
 * every call, retries and warm-ups included, unless `nonce` is given), so that no provider's prefix
 * cache can match it; the case's instructions follow, intact, as a second system message. Every
 * provider package keeps the two apart and in order: Chat Completions and the Responses API send
 * two system (or developer) messages, Anthropic two blocks of `system`.
 */
export function streamTextOptions(target: Target, testCase: Case, settings: AttemptSettings, nonce?: string) {
  const maxOutputTokens = testCase.maxOutputTokens ?? maxOutputTokensOf(target, settings);
  const temperature = target.temperature ?? settings.temperature;
  const instructions = instructionsOf(testCase.system, settings.cacheBust ? (nonce ?? cacheBustNonce()) : undefined);
  return {
    messages: testCase.messages,
    // A dataset's conversation may hold system messages of its own (the dataset schema takes
    // them): the SDK refuses every such request unless told they are meant.
    allowSystemInMessages: true,
    ...(instructions !== undefined ? { instructions } : {}),
    ...(maxOutputTokens !== undefined ? { maxOutputTokens } : {}),
    ...(temperature !== undefined ? { temperature } : {}),
    ...(target.providerOptions ? { providerOptions: target.providerOptions } : {}),
    ...caseRequestOptions(testCase),
    // The harness retries by itself, recording every attempt.
    maxRetries: 0,
  };
}

function instructionsOf(system: string | undefined, nonce: string | undefined): string | SystemModelMessage[] | undefined {
  if (nonce === undefined) return system;
  const bust: SystemModelMessage = { role: 'system', content: cacheBustText(nonce) };
  return system === undefined ? [bust] : [bust, { role: 'system', content: system }];
}

/** What a cache-busted attempt's record says of it (spread into the result where it becomes its record). */
export function cacheBustedFields(settings: Pick<AttemptSettings, 'cacheBust'>): { cacheBusted?: true } {
  return settings.cacheBust ? { cacheBusted: true } : {};
}
