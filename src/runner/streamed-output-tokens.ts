import type { AttemptUsage } from '../records/attempt-record.ts';

/**
 * The output tokens the stream carried: reasoning a provider counts but does not stream was
 * generated before the first output, so it belongs to no figure that starts there.
 */
export function streamedOutputTokens(usage: AttemptUsage, reasoningStreamed: boolean): number | undefined {
  if (usage.outputTokens === undefined) return undefined;
  return usage.outputTokens - (reasoningStreamed ? 0 : (usage.reasoningTokens ?? 0));
}
