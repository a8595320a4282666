import { describe, expect, it } from 'vitest';
import { makeAttempt } from '../stats/make-attempt.ts';
import { summarize } from '../stats/summarize.ts';
import { qualityGateFailures } from './quality-gate.ts';

describe('qualityGateFailures', () => {
  it('names a failing target in one inert line, whatever its label holds', () => {
    const summaries = summarize([makeAttempt({ target: 'evil\x1B[2J\nQUALITY GATE PASSED', score: { score: 0, passed: false, reason: '' } })]);
    const [failure, ...others] = qualityGateFailures(summaries, 0.9);
    expect(others).toEqual([]);
    expect(failure).toBe('evil\\x1B[2J\\nQUALITY GATE PASSED: pass rate 0.0% (0 of 1) is below 90.0%');
  });
});
