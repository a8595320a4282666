import type { AttemptTiming, AttemptUsage } from '../records/attempt-record.ts';
import { decodeRate } from './decode-rate.ts';
import type { StreamMeasurement } from './measure-stream.ts';
import { timePerOutputToken } from './time-per-output-token.ts';

/**
 * The attempt's timing, in milliseconds from the request's sending (and the rates its token
 * counts give); empty when it was never sent.
 */
export function computeTiming(
  measurement: StreamMeasurement,
  sentAt: number | undefined,
  headersAt: number | undefined,
  streamEnd: number,
  usage: AttemptUsage,
): AttemptTiming {
  if (sentAt === undefined) return {};
  const since = (at: number | undefined) => (at === undefined ? undefined : at - sentAt);
  const timing: AttemptTiming = {};
  const assign = <K extends keyof AttemptTiming>(key: K, value: AttemptTiming[K] | undefined) => {
    if (value !== undefined) timing[key] = value;
  };
  assign('ttftMs', since(measurement.firstTextAt));
  assign('firstOutputMs', since(measurement.firstOutputAt));
  assign('headersMs', since(headersAt));
  assign('e2eMs', since(streamEnd));
  assign('outputTps', decodeRate(measurement, usage));
  assign('tpotMs', timePerOutputToken(timing, usage, measurement.reasoningStreamed ?? false));
  const gaps = measurement.contentTimes.slice(1).map((at, index) => at - (measurement.contentTimes[index] ?? at));
  if (measurement.contentTimes.length > 0) {
    timing.chunkCount = measurement.contentTimes.length;
    // How many tokens one inter-chunk gap spans: ITL per chunk over this is per token.
    if (usage.outputTokens !== undefined) timing.tokensPerChunk = usage.outputTokens / timing.chunkCount;
  }
  if (gaps.length > 0) {
    const sorted = [...gaps].sort((a, b) => a - b);
    timing.interChunkMeanMs = gaps.reduce((sum, gap) => sum + gap, 0) / gaps.length;
    timing.interChunkP50Ms = quantile(sorted, 0.5);
    timing.interChunkP99Ms = quantile(sorted, 0.99);
  }
  return timing;
}

function quantile(sorted: number[], p: number): number {
  const position = (sorted.length - 1) * p;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  const low = sorted[lower] ?? 0;
  return low + ((sorted[upper] ?? low) - low) * (position - lower);
}
