import type { AttemptTiming, AttemptUsage } from '../records/attempt-record.ts';

/**
 * Output tokens per second while the model was producing output: the decode rate the AI Gateway
 * and Artificial Analysis publish. The window opens at the first output of any kind, so that a
 * model that streams its reasoning (or a tool call) before its text is not credited with tokens
 * generated before the window; reasoning a provider counts but does not stream happened before
 * the first output, so its tokens are left out. For plain text, the window is e2e − ttft.
 */
export function decodeRate(timing: AttemptTiming, usage: AttemptUsage, reasoningStreamed: boolean): number | undefined {
  const start = timing.firstOutputMs ?? timing.ttftMs;
  if (start === undefined || timing.e2eMs === undefined || usage.outputTokens === undefined) return undefined;
  const hiddenReasoning = reasoningStreamed ? 0 : (usage.reasoningTokens ?? 0);
  const tokens = usage.outputTokens - hiddenReasoning;
  const windowMs = timing.e2eMs - start;
  if (windowMs <= 0 || tokens <= 0) return undefined;
  return tokens / (windowMs / 1000);
}
