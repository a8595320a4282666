import type { ScorerFactory } from './scorer.ts';

/** ±10% of the length asked for, when the assertion does not say. */
export const defaultOutputTolerance = 0.1;

/**
 * The answer's output tokens, as the provider counted them, within `tolerance` (a share) of
 * `value`: how well a model keeps to the length it is asked for. An answer cut at max tokens
 * (finish reason `length`) at exactly the length asked passes; one that stopped far short fails.
 * Without the provider's count the answer is unscored: its length in tokens is not known.
 */
export const outputTokens: ScorerFactory<'output-tokens'> = (assertion) => ({ outputTokens: measured, finishReason }) => {
  const asked = assertion.value;
  const tolerance = assertion.tolerance ?? defaultOutputTolerance;
  if (measured === undefined) return { score: 0, passed: false, unscored: true, reason: `output tokens unknown (no usage reported; asked for ${asked})` };
  const low = Math.ceil(asked * (1 - tolerance));
  const high = Math.floor(asked * (1 + tolerance));
  const passed = measured >= low && measured <= high;
  const stopped = finishReason === 'length' ? ', cut at max tokens' : '';
  const range = low === high ? `${asked}` : `${low}-${high}`;
  return { score: passed ? 1 : 0, passed, reason: `${measured} output tokens${stopped}; asked for ${asked} (${passed ? 'within' : 'outside'} ${range})` };
};
