import { describe, expect, it } from 'vitest';
import type { Case } from '../datasets/case.ts';
import type { AttemptRecord } from '../records/attempt-record.ts';
import { makeAttempt } from '../stats/make-attempt.ts';
import type { Target } from '../targets/index.ts';
import { planRun } from './plan-run.ts';
import { normalizeFinals, resumePlan } from './resume-plan.ts';

const testCase = (id: string, dataset?: string): Case => ({
  id, ...(dataset !== undefined ? { dataset } : {}), line: 1, messages: [{ role: 'user', content: id }], assert: [], tags: [], vars: {},
});
const target = { label: 'x' } as Target;
const record = (caseId: string, dataset: string | undefined, fields: Parameters<typeof makeAttempt>[0] = {}): AttemptRecord =>
  makeAttempt({ caseId, ...(dataset !== undefined ? { dataset } : {}), target: 'x', ...fields });
const serverError = { type: 'server_error', message: '500', httpStatus: 500 } as const;
const sent = (plan: ReturnType<typeof planRun>) =>
  plan.requests.map((request) => [request.testCase.dataset ?? '', request.testCase.id, request.firstAttempt ?? 1]);

describe('resumePlan', () => {
  it('sends again only the case of the dataset that has no answer, when two datasets share a case id', () => {
    const plan = planRun({ cases: [testCase('q1', 'smoke'), testCase('q1', 'other')], targets: [target], repeats: 1 });
    // smoke/q1 was answered (and paid for); other/q1 failed once and the run was stopped.
    const previous = [record('q1', 'smoke'), record('q1', 'other', { error: serverError })];
    expect(sent(resumePlan(plan, previous))).toEqual([['other', 'q1', 2]]);
    // Had only other/q1 been answered, smoke/q1 is still to do: an answer never stands in for another dataset's case.
    expect(sent(resumePlan(plan, [record('q1', 'other')]))).toEqual([['smoke', 'q1', 1]]);
  });

  it('resumes a run without datasets as before', () => {
    const plan = planRun({ cases: [testCase('q1'), testCase('q2')], targets: [target], repeats: 2 });
    const previous = [record('q1', undefined), record('q2', undefined, { error: serverError }), record('q1', undefined, { repeat: 2 })];
    expect(resumePlan(plan, previous).requests.map((request) => [request.testCase.id, request.repeat, request.firstAttempt])).toEqual([
      ['q2', 1, 2], ['q2', 2, undefined],
    ]);
  });
});

describe('normalizeFinals', () => {
  it('keeps one final record per slot, a slot being its dataset and case id', () => {
    const records = [
      record('q1', 'smoke', { error: serverError }),
      record('q1', 'other'),
      // The resumed smoke/q1 answered: its earlier error is no longer final; other/q1 is untouched.
      record('q1', 'smoke', { attempt: 2 }),
    ];
    expect(normalizeFinals(records).map((each) => [each.dataset, each.attempt, each.final])).toEqual([
      ['smoke', 1, false], ['other', 1, true], ['smoke', 2, true],
    ]);
  });

  it('treats records without a dataset as before', () => {
    const records = [record('q1', undefined, { error: serverError }), record('q2', undefined), record('q1', undefined, { attempt: 2 })];
    expect(normalizeFinals(records).map((each) => [each.caseId, each.attempt, each.final])).toEqual([
      ['q1', 1, false], ['q2', 1, true], ['q1', 2, true],
    ]);
  });
});

describe('resumePlan and normalizeFinals with multi-call cases', () => {
  const pipeline = (): Case => ({
    ...testCase('p1'),
    calls: {
      kind: 'pipeline',
      output: 'b',
      steps: ['a', 'b'].map((name, index) => ({ name, line: 1, messages: [{ role: 'user' as const, content: name }], after: index === 0 ? [] : ['a'], assert: [] })),
    },
  });
  const stepRecord = (step: string, fields: Parameters<typeof makeAttempt>[0] = {}) => ({ ...record('p1', undefined, fields), step });

  it('runs a case again when its own record is missing or failed, with its steps\' earlier records; an answered case is done', () => {
    const plan = planRun({ cases: [pipeline()], targets: [target], repeats: 1 });
    const earlier = [stepRecord('a'), stepRecord('b', { error: serverError })];
    const [resumed] = resumePlan(plan, earlier).requests;
    expect(resumed?.earlierSteps).toEqual(earlier);
    expect(resumed?.firstAttempt).toBeUndefined();
    // A step's answer is not the case's: only the case's own record ends the slot.
    expect(resumePlan(plan, [stepRecord('a'), stepRecord('b')]).requests).toHaveLength(1);
    const failedCase = { ...record('p1', undefined, { error: serverError }), pipeline: { kind: 'pipeline' as const, steps: 2, answered: 1, attempts: 2, failedStep: 'b' } };
    expect(resumePlan(plan, [...earlier, failedCase]).requests[0]?.firstAttempt).toBe(2);
    expect(resumePlan(plan, [stepRecord('a'), stepRecord('b'), { ...record('p1', undefined), pipeline: { kind: 'pipeline', steps: 2, answered: 2, attempts: 2 } }]).requests).toEqual([]);
  });

  it('marks the latest attempt of each step final on its own, and the case\'s own record apart from them', () => {
    const records = [stepRecord('a', { final: true }), stepRecord('b', { error: serverError, final: true }), stepRecord('b', { attempt: 2, final: true }), { ...record('p1', undefined, { final: true }), pipeline: { kind: 'pipeline' as const, steps: 2, answered: 2, attempts: 3 } }];
    expect(normalizeFinals(records).map((line) => [line.step ?? 'case', line.attempt, line.final])).toEqual([
      ['a', 1, true],
      ['b', 1, false],
      ['b', 2, true],
      ['case', 1, true],
    ]);
  });
});
