import { describe, expect, it } from 'vitest';
import type { Case, CaseStep } from '../datasets/case.ts';
import { judgeSpecsOf, needsDefaultJudge } from './create-judge.ts';

const step = (name: string, assert: CaseStep['assert']): CaseStep => ({ name, line: 3, messages: [{ role: 'user', content: name }], after: [], assert });
const pipeline = (assert: CaseStep['assert']): Case => ({
  id: 'p1',
  line: 1,
  messages: [{ role: 'user', content: 'one' }],
  assert: [],
  tags: [],
  vars: {},
  calls: { kind: 'pipeline', steps: [step('one', []), step('two', assert)], output: 'two' },
});

describe('judges of multi-call cases', () => {
  it("needs the run's --judge for an llm-judge on a step that names none, and uses it there", () => {
    const cases = [pipeline([{ type: 'llm-judge', rubric: 'polite' }])];
    expect(needsDefaultJudge(cases)).toBe(true);
    expect(judgeSpecsOf(cases, 'simulated:openai/gpt-4o')).toEqual(['simulated:openai/gpt-4o']);
    expect(() => judgeSpecsOf(cases, undefined)).toThrow(/llm-judge needs a judge model.*p1/);
  });

  it("takes a step's own judge, and needs no default then", () => {
    const cases = [pipeline([{ type: 'llm-judge', rubric: 'polite', judge: 'openai:gpt-4o' }])];
    expect(needsDefaultJudge(cases)).toBe(false);
    expect(judgeSpecsOf(cases, undefined)).toEqual(['openai:gpt-4o']);
  });
});
