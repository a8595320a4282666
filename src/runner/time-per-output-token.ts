import type { AttemptTiming, AttemptUsage } from '../records/attempt-record.ts';
import { streamedOutputTokens } from './streamed-output-tokens.ts';

/**
 * Milliseconds per output token after the first, (e2e − ttft) / (N − 1): vLLM's TPOT and AIPerf's
 * inter-token latency, so that figures from those tools compare with ours. The clock starts at the
 * first output of any kind (those tools count a reasoning chunk as the first token too) and N
 * leaves out reasoning that was counted but never streamed. Unlike `outputTps`, it keeps the time
 * to the stream's last chunk (a trailing usage chunk included) and an answer in one chunk.
 */
export function timePerOutputToken(timing: AttemptTiming, usage: AttemptUsage, reasoningStreamed: boolean): number | undefined {
  const start = timing.firstOutputMs ?? timing.ttftMs;
  const tokens = streamedOutputTokens(usage, reasoningStreamed);
  if (start === undefined || timing.e2eMs === undefined || tokens === undefined || tokens < 2) return undefined;
  const spanMs = timing.e2eMs - start;
  return spanMs >= 0 ? spanMs / (tokens - 1) : undefined;
}
