import { describe, expect, it } from 'vitest';
import type { Case } from '../datasets/case.ts';
import type { Target } from '../targets/index.ts';
import { InputError } from '../config/errors.ts';
import { assertPlanSize, planRun } from './plan-run.ts';

const testCase = (id: string): Case => ({ id, line: 1, messages: [{ role: 'user', content: id }], assert: [], tags: [], vars: {} });
const target = (label: string) => ({ label }) as Target;

describe('planRun', () => {
  it('plans cases × targets × repeats with the target order rotated per case', () => {
    const plan = planRun({ cases: [testCase('a'), testCase('b'), testCase('c')], targets: [target('x'), target('y')], repeats: 2 });
    expect(plan.requests.map((request) => `${request.repeat}${request.testCase.id}${request.target.label}`)).toEqual([
      '1ax', '1ay', '1by', '1bx', '1cx', '1cy', '2ay', '2ax', '2bx', '2by', '2cy', '2cx',
    ]);
  });

  it('puts no target only at the start or only at the end', () => {
    const targets = ['p', 'q', 'r'].map(target);
    const plan = planRun({ cases: Array.from({ length: 9 }, (_, index) => testCase(`c${index}`)), targets, repeats: 1 });
    const firsts = plan.requests.filter((_, index) => index % 3 === 0).map((request) => request.target.label);
    expect(new Set(firsts)).toEqual(new Set(['p', 'q', 'r']));
  });

  it('sends each prompt variant of a case to each target', () => {
    const variants = ['v1', 'v2'].map((label) => ({
      label,
      apply: (original: Case): Case => ({ ...original, messages: [{ role: 'user', content: `${label}: ${original.id}` }] }),
    }));
    const plan = planRun({ cases: [testCase('a')], targets: [target('x'), target('y')], repeats: 1, variants });
    expect(plan.requests.map((request) => `${request.prompt} ${request.target.label} ${request.testCase.messages[0]?.content}`).sort()).toEqual([
      'v1 x v1: a', 'v1 y v1: a', 'v2 x v2: a', 'v2 y v2: a',
    ]);
  });

  it('plans the cases of several datasets as given, each request keeping its dataset, also with equal ids', () => {
    const cases = [{ ...testCase('q1'), dataset: 'smoke' }, { ...testCase('q2'), dataset: 'smoke' }, { ...testCase('q1'), dataset: 'other' }];
    const plan = planRun({ cases, targets: [target('x')], repeats: 2 });
    expect(plan.requests.map((request) => `${request.repeat} ${request.testCase.dataset}/${request.testCase.id}`)).toEqual([
      '1 smoke/q1', '1 smoke/q2', '1 other/q1', '2 smoke/q1', '2 smoke/q2', '2 other/q1',
    ]);
    const tooMany = () => planRun({ cases, targets: [target('x')], repeats: 1_000_000 });
    expect(tooMany).toThrow('3,000,000 requests: 3 cases (the 2 datasets) × 1 target');
    expect(tooMany).toThrow('or fewer or smaller datasets.');
  });

  it('refuses, before building anything, a plan over 1,000,000 requests, naming the flags that make it up', () => {
    // Two cases × 1e9 repeats once took 4 GB and 15 s without sending a request.
    const plan = () => planRun({ cases: [testCase('a'), testCase('b')], targets: [target('x')], repeats: 1_000_000_000 });
    expect(plan).toThrow(InputError);
    expect(plan).toThrow(
      'The run would send 2,000,000,000 requests: 2 cases (the dataset) × 1 target (--target) × 1 prompt (--prompt) × ' +
        '1,000,000,000 repeats (--repeats); at most 1,000,000 are allowed. Use fewer repeats, targets or prompts, or split the dataset.',
    );
    expect(() => assertPlanSize({ cases: 100_000, targets: 5, prompts: 2, repeats: 1 })).not.toThrow();
    expect(() => assertPlanSize({ cases: 100_000, targets: 5, prompts: 2, repeats: 2 })).toThrow('2,000,000 requests');
    // From an eval file, the settings are named where they were written.
    expect(() => assertPlanSize({ cases: 100_000, targets: 5, prompts: 2, repeats: 2 }, { targets: 'targets', prompts: 'prompts', repeats: 'llm-bench.yaml:4: run.repeats' })).toThrow(
      '× 5 targets (targets) × 2 prompts (prompts) × 2 repeats (llm-bench.yaml:4: run.repeats);',
    );
  });
});
