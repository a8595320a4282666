import type { AttemptUsage } from '../records/attempt-record.ts';
import type { StreamMeasurement } from './measure-stream.ts';
import { streamedOutputTokens } from './streamed-output-tokens.ts';

/**
 * Output tokens per second while the model was producing output: the decode rate of one stream.
 *
 * The window runs from the first network chunk that carried output (text, streamed reasoning or
 * tool input) to the last one, so a trailing finish or usage chunk, however late, adds nothing;
 * an answer in one chunk has no window and no rate. The tokens counted are those that arrived
 * after the first chunk: the first chunk's were generated before the window opened. Token counts
 * per chunk are unknown, so the answer's tokens are shared out by the characters each chunk
 * carried (by chunk count when none were counted): one token per chunk at r tokens/s reads r,
 * where tokens over the whole window read r·N/(N−1).
 */
export function decodeRate(
  measurement: Pick<StreamMeasurement, 'contentTimes' | 'contentCharacters' | 'reasoningStreamed'>,
  usage: AttemptUsage,
): number | undefined {
  const { contentTimes: times, contentCharacters: characters } = measurement;
  const tokens = streamedOutputTokens(usage, measurement.reasoningStreamed ?? false);
  if (times.length < 2 || tokens === undefined || tokens <= 0) return undefined;
  const windowMs = times.at(-1)! - times[0]!;
  if (!(windowMs > 0)) return undefined;
  const total = characters.reduce((sum, count) => sum + count, 0);
  const laterShare = total > 0 ? (total - (characters[0] ?? 0)) / total : (times.length - 1) / times.length;
  const laterTokens = tokens * laterShare;
  if (!(laterTokens > 0)) return undefined;
  return laterTokens / (windowMs / 1000);
}
