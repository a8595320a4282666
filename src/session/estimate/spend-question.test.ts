import { describe, expect, it } from 'vitest';
import { describeEstimate } from './describe-estimate.ts';
import type { RunEstimate, TargetEstimate } from './estimate-types.ts';
import { spendQuestion } from './spend-question.ts';

const row = (figures: Partial<TargetEstimate>): TargetEstimate => ({
  target: 'openai/gpt-4o', simulated: false, requests: 1240, warmups: 0, inputTokens: 50_000, inputLowerBound: false, tokenizers: ['o200k'], images: 0, unpriced: [], ...figures,
});
const estimateOf = (figures: Partial<TargetEstimate>, extra: Partial<RunEstimate> = {}): RunEstimate => {
  const target = row(figures);
  const { target: _label, simulated, tokenizers: _tokenizers, expectedFrom: _from, unpriced: _unpriced, ...total } = target;
  return { targets: [target], total: { ...total, paidRequests: simulated ? 0 : target.requests }, ...extra };
};

describe('describeEstimate', () => {
  it("prints run's line: the expected cost from a past run and the worst at max tokens", () => {
    const estimate = estimateOf({ expectedUsd: 0.41, worstUsd: 0.93, expectedFrom: 'past run', worstOutputTokens: 1 }, { maxTokens: 512 });
    expect(describeEstimate(estimate)).toBe('Estimate: 1,240 requests, ≈ 0.41 USD expected, 0.93 USD at most (max tokens 512).');
  });

  it('says the worst once when the expected output is max tokens, and what is unknown otherwise', () => {
    expect(describeEstimate(estimateOf({ expectedUsd: 0.93, worstUsd: 0.93, expectedFrom: 'max tokens', worstOutputTokens: 1 }, { maxTokens: 512 }))).toBe('Estimate: 1,240 requests, 0.93 USD at most (max tokens 512).');
    expect(describeEstimate(estimateOf({ inputUsd: 0.125 }))).toBe('Estimate: 1,240 requests, 50,000 input tokens (0.125 USD of input); output unknown without --max-tokens.');
    expect(describeEstimate(estimateOf({ unpriced: ['local'], worstOutputTokens: 1 }, { maxTokens: 10 }))).toBe('Estimate: 1,240 requests, 50,000 input tokens; no price for local (add a row with --prices).');
    expect(describeEstimate(estimateOf({ simulated: true, worstUsd: 0 }))).toBe('Estimate: 1,240 requests, 50,000 input tokens; 0 USD (simulated: nothing is paid).');
  });
});

describe('spendQuestion', () => {
  it('compares the worst case with --confirm-above, and asks with both figures', () => {
    const estimate = estimateOf({ expectedUsd: 3.2, worstUsd: 5.1, worstOutputTokens: 1 });
    const spend = spendQuestion(estimate, 2);
    expect(spend).toMatchObject({ compared: 'worst', question: 'Estimated 3.20 USD (worst 5.10) is above --confirm-above 2: run? [y/N]' });
    expect(spend?.refusal).toContain('no terminal to ask: nothing was sent');
    expect(spend?.refusal).toContain('raise --confirm-above');
    // Below the expected but above the worst: still asked (the worst is the safe reading).
    expect(spendQuestion(estimate, 4)).toBeDefined();
    expect(spendQuestion(estimate, 5.1)).toBeUndefined();
    expect(spendQuestion(estimate, undefined)).toBeUndefined();
  });

  it("names the eval file's key when it set the limit, and says when the worst is all it knows", () => {
    const spend = spendQuestion(estimateOf({ expectedUsd: 5.1, worstUsd: 5.1, worstOutputTokens: 1 }), 2, 'budget.confirmAbove');
    expect(spend?.question).toBe('Estimated 5.10 USD at most is above budget.confirmAbove 2: run? [y/N]');
  });

  it('asks about a cost with no bound, and never about a simulated run', () => {
    expect(spendQuestion(estimateOf({ inputUsd: 0.01 }), 2)).toMatchObject({ compared: 'unbounded', question: "The run's cost has no bound (no --max-tokens), so it may be above --confirm-above 2: run? [y/N]" });
    expect(spendQuestion(estimateOf({ simulated: true }), 0)).toBeUndefined();
  });

  it('compares the expected cost when only a past run bounds it', () => {
    const spend = spendQuestion(estimateOf({ expectedUsd: 3, inputUsd: 1 }), 2);
    expect(spend).toMatchObject({ compared: 'expected', question: 'Estimated 3.00 USD is above --confirm-above 2: run? [y/N]' });
  });
});
