import { describe, expect, it } from 'vitest';
import type { AttemptRecord } from '../records/attempt-record.ts';
import { resumePlan } from './resume-plan.ts';
import { FakeClock } from './test/fake-clock.ts';
import { answer, failure, fakeCase } from './test/scripted-attempts.ts';
import { runScripted } from './test/run-scripted.ts';

const cases = (count: number) => Array.from({ length: count }, (_, index) => fakeCase(`c${index + 1}`));

function earlier(caseId: string, attempt: number, status: 'ok' | 'error'): AttemptRecord {
  const base = { caseId, target: 'a', prompt: 'default', repeat: 1, attempt, final: true, startedAt: '', timing: {}, usage: { estimated: false } };
  return status === 'ok'
    ? { ...base, status, output: 'paid for' }
    : { ...base, status, output: '', error: { type: 'server_error', message: '500' } };
}

describe('runPlan records, on a fake clock', () => {
  it('resumes a plan: only slots missing or failed are sent, their attempts numbered on', async () => {
    const previous = [earlier('c1', 1, 'ok'), earlier('c2', 1, 'error'), earlier('c2', 2, 'error')];
    const { result, sent } = await runScripted({
      cases: cases(3),
      scripts: { a: [failure('server_error'), answer()] },
      settings: { maxRetries: 1, concurrency: 1, targetConcurrency: 1 },
      plan: (plan) => resumePlan(plan, previous),
    });
    expect(sent.map((request) => request.caseId)).toEqual(['c2', 'c2', 'c3']);
    expect(result.records.map(({ caseId, attempt, final, status }) => ({ caseId, attempt, final, status }))).toEqual([
      { caseId: 'c2', attempt: 3, final: false, status: 'error' },
      { caseId: 'c2', attempt: 4, final: true, status: 'ok' },
      { caseId: 'c3', attempt: 1, final: true, status: 'ok' },
    ]);
  });

  it('keeps and delivers the record prepareRecord returns, in completion order, and leaves the one it was given alone', async () => {
    const clock = new FakeClock();
    const given: AttemptRecord[] = [];
    const { result, delivered } = await runScripted({
      clock,
      cases: cases(2),
      scripts: { a: (request) => answer({ e2eMs: request.testCase.id === 'c1' ? 100 : 200, output: request.testCase.id }) },
      dependencies: {
        prepareRecord: async (record) => {
          given.push(record);
          // c1 ends first but is scored last: delivery still follows completion.
          await clock.sleep(record.caseId === 'c1' ? 500 : 0);
          return { ...record, score: { score: 1, passed: true, reason: 'scripted' } };
        },
      },
    });
    expect(delivered.map((record) => record.caseId)).toEqual(['c1', 'c2']);
    expect(delivered.every((record) => record.score !== undefined)).toBe(true);
    expect(result.records).toEqual(delivered);
    for (let index = 0; index < 2; index++) expect(result.records[index]).toBe(delivered[index]);
    expect(given.map((record) => record.caseId)).toEqual(['c1', 'c2']);
    expect(given.every((record) => record.score === undefined)).toBe(true);
    expect(given.some((record) => delivered.includes(record))).toBe(false);
  });

  it('copies the case’s dataset into its record, and leaves it out for a case without one', async () => {
    const { result } = await runScripted({
      cases: [fakeCase('q1', { dataset: 'qa/smoke' }), fakeCase('q1', { dataset: 'chat' }), fakeCase('q2')],
      scripts: { a: answer() },
    });
    expect(result.records.map((record) => [record.caseId, record.dataset])).toEqual([
      ['q1', 'qa/smoke'],
      ['q1', 'chat'],
      ['q2', undefined],
    ]);
    expect('dataset' in result.records[2]!).toBe(false);
  });
});
