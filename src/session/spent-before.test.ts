import { describe, expect, it } from 'vitest';
import { makeAttempt } from '../stats/make-attempt.ts';
import { spentBefore } from './spent-before.ts';

describe('spentBefore', () => {
  it('counts a multi-call case\'s steps and its judge, never its own summed cost again', () => {
    const steps = [{ ...makeAttempt({ costUsd: 0.01 }), step: 'a' }, { ...makeAttempt({ costUsd: 0.02 }), step: 'b' }];
    const own = { ...makeAttempt({ costUsd: 0.03 }), pipeline: { kind: 'pipeline' as const, steps: 2, answered: 2, attempts: 2 }, score: { score: 1, passed: true, judge: { costUsd: 0.005 } } };
    expect(spentBefore([...steps, own] as never, 0.1)).toBeCloseTo(0.135, 10);
  });
});
