import { describe, expect, it } from 'vitest';
import type { Case } from '../../datasets/case.ts';
import type { AttemptRecord } from '../../records/attempt-record.ts';
import type { Target } from '../../targets/index.ts';
import { pipelineRecord } from './pipeline-record.ts';

const step = (name: string, after: string[]) => ({ name, line: 2, messages: [{ role: 'user' as const, content: name }], after, assert: [] });
const testCase: Case = {
  id: 'T-01',
  line: 1,
  messages: [{ role: 'user', content: 'classify' }],
  assert: [],
  tags: [],
  vars: {},
  calls: { kind: 'pipeline', steps: [step('classify', []), step('draft', ['classify'])], output: 'draft' },
};
const target = { label: 'mini' } as Target;

/** A step's answering record, open loop: the case was due at 1000 ms on the schedule. */
function answer(stepName: string, at: { sentMs: number; ttftMs: number; e2eMs: number }): AttemptRecord {
  return {
    caseId: 'T-01', target: 'mini', prompt: 'default', repeat: 1, attempt: 1, final: true, step: stepName, status: 'ok',
    startedAt: '2026-12-07T10:00:00.000Z', output: `${stepName} answer`, usage: { estimated: false, inputTokens: 10, outputTokens: 5 }, costUsd: 0.001,
    schedule: { scheduledMs: 1000, placedMs: at.sentMs - 1, sentMs: at.sentMs, dispatchDelayMs: at.sentMs - 1000 },
    timing: { ttftMs: at.ttftMs, e2eMs: at.e2eMs, ttftFromScheduledMs: at.sentMs - 1000 + at.ttftMs, e2eFromScheduledMs: at.sentMs - 1000 + at.e2eMs },
  };
}

describe('a pipeline case record in an open loop', () => {
  it('counts from the scheduled time what a user waited for: the output step\'s first token and the last end, every wait between steps included', () => {
    // classify sent 20 ms late, answered after 300 ms; draft sent 50 ms after that (the harness's wait), first token 100 ms, end 400 ms.
    const classify = answer('classify', { sentMs: 1020, ttftMs: 100, e2eMs: 300 });
    const draft = answer('draft', { sentMs: 1370, ttftMs: 100, e2eMs: 400 });
    const record = pipelineRecord({ testCase, target, prompt: 'default', repeat: 1 }, { stepRecords: [classify, draft], answers: new Map([['classify', classify], ['draft', draft]]), scheduledMs: 1000 });
    // The critical path counts the steps' own times only: 300 + 100 to draft's first token, 300 + 400 in all.
    expect(record.timing).toEqual({ ttftMs: 400, e2eMs: 700, ttftFromScheduledMs: 470, e2eFromScheduledMs: 770 });
    expect(record.schedule).toEqual({ scheduledMs: 1000, placedMs: 1019, sentMs: 1020, dispatchDelayMs: 20 });
    expect(record.costUsd).toBeCloseTo(0.002, 12);
  });

  it('has no from-scheduled figures in a closed loop, nor for a case a failed step left unanswered', () => {
    const closed = { ...answer('classify', { sentMs: 5, ttftMs: 100, e2eMs: 300 }), timing: { ttftMs: 100, e2eMs: 300 } };
    const record = pipelineRecord({ testCase, target, prompt: 'default', repeat: 1 }, { stepRecords: [closed], answers: new Map([['classify', closed]]), failed: { step: 'draft', record: { ...closed, step: 'draft', status: 'error', error: { type: 'timeout', message: 'no first byte' } } }, scheduledMs: 0 });
    expect(record.status).toBe('error');
    expect(record.timing).toEqual({});
  });
});
