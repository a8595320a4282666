import { describe, expect, it } from 'vitest';
import type { Case } from '../datasets/case.ts';
import { scoreCase } from './score-case.ts';
import type { Judge } from './scorer.ts';

const base: Case = { id: 'q', line: 1, messages: [{ role: 'user', content: 'question' }], assert: [], tags: [], vars: {} };

describe('scoreCase', () => {
  it('is undefined when there is nothing to score', async () => {
    expect(await scoreCase(base, { output: 'anything' })).toBeUndefined();
  });

  it('falls back to the default scorer for expected without assert', async () => {
    const testCase = { ...base, expected: 'Paris' };
    expect(await scoreCase(testCase, { output: 'The capital is Paris.' })).toMatchObject({ score: 1, passed: true });
    expect(await scoreCase(testCase, { output: 'Parisian' })).toMatchObject({ score: 0, passed: false });
  });

  it('weights assertions and passes only when all pass', async () => {
    const testCase: Case = {
      ...base,
      assert: [
        { type: 'contains', value: 'Paris', weight: 3 },
        { type: 'contains', value: 'France' },
      ],
    };
    expect(await scoreCase(testCase, { output: 'Paris' })).toEqual({
      score: 0.75,
      passed: false,
      reason: 'contains: does not contain "France"',
    });
    expect(await scoreCase(testCase, { output: 'Paris, France' })).toMatchObject({ score: 1, passed: true });
  });

  it('counts weight-0 assertions in passed but not in the score', async () => {
    const testCase: Case = { ...base, assert: [{ type: 'contains', value: 'a' }, { type: 'latency', e2e_ms: 100, weight: 0 }] };
    expect(await scoreCase(testCase, { output: 'a', e2eMs: 500 })).toEqual({ score: 1, passed: false, reason: 'latency: e2e 500 ms > 100 ms' });
  });

  it('fails an invalid hand-written assertion instead of throwing', async () => {
    const testCase: Case = { ...base, assert: [{ type: 'equal', value: 'x' }] };
    const score = await scoreCase(testCase, { output: 'x' });
    expect(score).toMatchObject({ score: 0, passed: false });
    expect(score?.reason).toMatch(/^equal: invalid assertion: unknown scorer "equal"/);
  });

  it('scores a hand-built case with a schema and no assert by json against it', async () => {
    const testCase: Case = { ...base, schema: { type: 'object', required: ['name'] } };
    expect(await scoreCase(testCase, { output: '{"name": "Ada"}' })).toMatchObject({ passed: true });
    expect(await scoreCase(testCase, { output: '{"nom": "Ada"}' })).toMatchObject({ passed: false });
  });
});

describe('scoreCase with llm-judge', () => {
  const judged: Case = {
    ...base,
    assert: [
      { type: 'contains', value: 'refund' },
      { type: 'llm-judge', rubric: 'Polite' },
      { type: 'llm-judge', rubric: 'Accurate' },
    ],
  };

  it('leaves the case unscored, not failed, when the judge fails and the other assertions pass', async () => {
    const judge: Judge = async ({ rubric }) => {
      if (rubric === 'Accurate') throw new Error('overloaded');
      return { score: 1, reason: 'polite', usage: { inputTokens: 100, outputTokens: 10 }, costUsd: 0.001 };
    };
    expect(await scoreCase(judged, { output: 'Your refund is on its way.' }, { judge })).toEqual({
      score: 0,
      passed: false,
      unscored: true,
      reason: 'llm-judge: judge failed: overloaded; contains "refund"; judge 1.00 >= 0.5: polite',
      judge: { inputTokens: 100, outputTokens: 10, costUsd: 0.001 },
    });
    expect(await scoreCase(judged, { output: 'Your refund is on its way.' })).toMatchObject({ unscored: true, passed: false });
  });

  it('fails the case on another assertion whatever the judge did, scoring only what was scored', async () => {
    const judge: Judge = async () => {
      throw new Error('overloaded');
    };
    const score = await scoreCase(judged, { output: 'No.' }, { judge });
    expect(score).toMatchObject({ score: 0, passed: false });
    expect(score?.unscored).toBeUndefined();
    expect(score?.reason).toBe('contains: does not contain "refund"; llm-judge: judge failed: overloaded; llm-judge: judge failed: overloaded');
  });

  it('sums the judge calls, and a total is unknown when one call\'s figure is', async () => {
    const judge: Judge = async ({ rubric }) =>
      rubric === 'Polite' ? { score: 0.9, reason: 'ok', usage: { inputTokens: 100, outputTokens: 10 }, costUsd: 0.001 } : { score: 0.7, reason: 'ok', usage: { inputTokens: 50, outputTokens: 5 } };
    expect(await scoreCase(judged, { output: 'refund' }, { judge })).toMatchObject({
      passed: true,
      score: (1 + 0.9 + 0.7) / 3,
      judge: { inputTokens: 150, outputTokens: 15 },
    });
    const score = await scoreCase(judged, { output: 'refund' }, { judge });
    expect(score?.judge?.costUsd).toBeUndefined();
  });
});
