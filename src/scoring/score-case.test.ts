import { describe, expect, it } from 'vitest';
import type { Case } from '../datasets/case.ts';
import { scoreCase } from './score-case.ts';

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
});
