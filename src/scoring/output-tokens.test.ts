import { describe, expect, it } from 'vitest';
import { assertionSchema } from '../config/assertion-schema.ts';
import type { ScoringInput } from '../records/score.ts';
import { scoreWith } from './test/score-with.ts';

/** An attempt's text with the provider's count of its output tokens and why it stopped. */
const answer = (outputTokens: number | undefined, finishReason?: string): ScoringInput => ({
  output: 'words',
  ...(outputTokens !== undefined ? { outputTokens } : {}),
  ...(finishReason ? { finishReason } : {}),
});

describe('output-tokens', () => {
  it('passes within 10% of the length asked, by default, and fails outside it', async () => {
    const assertion = { type: 'output-tokens', value: 200 };
    const verdicts = await Promise.all([179, 180, 200, 220, 221, 12].map(async (tokens) => (await scoreWith(assertion, answer(tokens))).passed));
    expect(verdicts).toEqual([false, true, true, true, false, false]);
    expect(await scoreWith(assertion, answer(12, 'stop'))).toEqual({ score: 0, passed: false, reason: '12 output tokens; asked for 200 (outside 180-220)' });
  });

  it('passes an answer cut at max tokens at the length asked, and says so', async () => {
    expect(await scoreWith({ type: 'output-tokens', value: 50 }, answer(50, 'length'))).toEqual({ score: 1, passed: true, reason: '50 output tokens, cut at max tokens; asked for 50 (within 45-55)' });
  });

  it('takes its own tolerance, down to exactly the length asked', async () => {
    expect((await scoreWith({ type: 'output-tokens', value: 100, tolerance: 0.5 }, answer(60))).passed).toBe(true);
    expect(await scoreWith({ type: 'output-tokens', value: 100, tolerance: 0 }, answer(99))).toMatchObject({ passed: false, reason: '99 output tokens; asked for 100 (outside 100)' });
  });

  it('leaves an answer without the provider\'s count unscored: its length in tokens is unknown', async () => {
    expect(await scoreWith({ type: 'output-tokens', value: 20 }, answer(undefined))).toEqual({ score: 0, passed: false, unscored: true, reason: 'output tokens unknown (no usage reported; asked for 20)' });
  });

  it('is refused in a dataset without a whole number of tokens, or with a tolerance outside 0..1', () => {
    const problems = (assertion: unknown) => assertionSchema.safeParse(assertion).error?.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    expect(problems({ type: 'output-tokens' })).toEqual(['value: expected an integer from 1 to 1000000, got nothing']);
    expect(problems({ type: 'output-tokens', value: 2.5 })).toEqual(['value: expected an integer from 1 to 1000000, got 2.5']);
    expect(problems({ type: 'output-tokens', value: 10, tolerance: 2 })).toEqual(['tolerance: expected a number from 0 to 1, got 2']);
    expect(problems({ type: 'output-tokens', value: 10, tolerance: 0.2 })).toBeUndefined();
  });
});
