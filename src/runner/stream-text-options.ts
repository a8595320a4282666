import type { Case } from '../datasets/case.ts';
import type { Target } from '../targets/index.ts';
import { caseRequestOptions } from './case-request-options.ts';
import { maxOutputTokensOf, type AttemptSettings } from './run-attempt.ts';

/**
 * What `streamText` is asked for one case on one target, fetch and signal aside: every engine
 * sends the same request (the lean engine captures the one the provider package builds from these).
 */
export function streamTextOptions(target: Target, testCase: Case, settings: AttemptSettings) {
  const maxOutputTokens = testCase.maxOutputTokens ?? maxOutputTokensOf(target, settings);
  const temperature = target.temperature ?? settings.temperature;
  return {
    messages: testCase.messages,
    ...(testCase.system !== undefined ? { instructions: testCase.system } : {}),
    ...(maxOutputTokens !== undefined ? { maxOutputTokens } : {}),
    ...(temperature !== undefined ? { temperature } : {}),
    ...(target.providerOptions ? { providerOptions: target.providerOptions } : {}),
    ...caseRequestOptions(testCase),
    // The harness retries by itself, recording every attempt.
    maxRetries: 0,
  };
}
