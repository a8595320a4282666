import { describe, expect, it } from 'vitest';
import type { Case, CaseStep } from '../../datasets/case.ts';
import { messageText } from '../../datasets/step-case.ts';
import type { AttemptRecord } from '../../records/attempt-record.ts';
import { resumePlan } from '../resume-plan.ts';
import { runScripted } from '../test/run-scripted.ts';
import { answer, failure, fakeCase, fakeTarget, type Outcome } from '../test/scripted-attempts.ts';
import type { PlannedRequest } from '../plan-run.ts';

const step = (name: string, prompt: string, after: string[] = [], extra: Partial<CaseStep> = {}): CaseStep => ({
  name,
  line: 1,
  messages: [{ role: 'user', content: prompt }],
  after,
  assert: [],
  ...extra,
});

/** classify, then extract and tone side by side, then draft from both. */
function ticketCase(id = 't1'): Case {
  const steps = [
    step('classify', 'Classify: my order is late'),
    step('extract', 'Extract fields of ({{steps.classify.output}})', ['classify']),
    step('tone', 'Tone of ({{steps.classify.output}})', ['classify']),
    step('draft', 'Reply to {{steps.extract.json.customer.name}} about order {{steps.extract.json.orders.0}}, tone {{steps.tone.output}}', ['extract', 'tone']),
  ];
  return fakeCase(id, { messages: steps[0]!.messages, calls: { kind: 'pipeline', steps, output: 'draft' } });
}

const lastText = (request: PlannedRequest) => messageText(request.testCase.messages.at(-1));

/** Answers each step by its prompt's first word, with its own latency. */
function byStep(outcomes: Record<string, Outcome | Outcome[]>) {
  const calls = new Map<string, number>();
  return (request: PlannedRequest): Outcome => {
    const word = lastText(request).split(/[\s:]/)[0]!.toLowerCase();
    const script = outcomes[word];
    if (!script) throw new Error(`no script for ${word}`);
    const call = calls.get(word) ?? 0;
    calls.set(word, call + 1);
    return Array.isArray(script) ? script[Math.min(call, script.length - 1)]! : script;
  };
}

const happy = {
  classify: answer({ output: 'shipping', ttftMs: 20, e2eMs: 100 }),
  extract: answer({ output: '```json\n{"customer":{"name":"Ada"},"orders":["A-7"]}\n```', ttftMs: 30, e2eMs: 300, costUsd: 0.002 }),
  tone: answer({ output: 'calm', ttftMs: 10, e2eMs: 50, costUsd: 0.001 }),
  reply: answer({ output: 'Dear Ada, A-7 ships today', ttftMs: 40, e2eMs: 200, costUsd: 0.003 }),
};

describe('runPlan with a pipeline case, on a fake clock', () => {
  it('sends independent steps at once, each after what it needs, and renders earlier answers into later steps', async () => {
    const texts: string[] = [];
    const script = byStep(happy);
    const { result, sent } = await runScripted({ cases: [ticketCase()], scripts: { a: (request) => (texts.push(lastText(request)), script(request)) } });
    expect(texts).toContain('Reply to Ada about order A-7, tone calm');
    expect(texts).toContain('Extract fields of (shipping)');
    const steps = result.records.filter((record) => record.step !== undefined);
    expect(steps.map((record) => record.step).sort()).toEqual(['classify', 'draft', 'extract', 'tone']);
    // extract and tone both leave when classify answers (100 ms), draft when the slower of them does.
    expect(sent.map((request) => request.sentAt)).toEqual([0, 100, 100, 400]);
    const stepRecord = (name: string) => steps.find((record) => record.step === name)!;
    expect(stepRecord('extract').schedule?.sentMs).toBe(stepRecord('tone').schedule?.sentMs);
    expect(result.records.at(-1)).toMatchObject({ status: 'ok', pipeline: { answered: 4 } });
    expect(result.records.at(-1)).not.toHaveProperty('step');
  });

  it('writes one case record: the output step\'s answer, the critical path, and every attempt\'s cost summed', async () => {
    const { result } = await runScripted({ cases: [ticketCase()], scripts: { a: byStep({ ...happy, classify: answer({ output: 'shipping', ttftMs: 20, e2eMs: 100, costUsd: 0.0005 }) }) } });
    const caseRecord = result.records.find((record) => record.pipeline !== undefined)!;
    expect(caseRecord).toMatchObject({
      status: 'ok',
      caseId: 't1',
      target: 'a',
      attempt: 1,
      final: true,
      output: 'Dear Ada, A-7 ships today',
      // classify 100 + extract 300 (tone's 50 runs beside it) + draft 200; TTFT: 400 + 40.
      timing: { e2eMs: 600, ttftMs: 440 },
      usage: { inputTokens: 40, outputTokens: 20 },
      pipeline: { kind: 'pipeline', steps: 4, answered: 4, attempts: 4, criticalPathMs: 600, sumOfStepsMs: 650 },
    });
    expect(caseRecord.costUsd).toBeCloseTo(0.0065, 10);
  });

  it('renders a missing JSON path as empty text, with a warning on the step\'s record, and goes on', async () => {
    const { result, sent } = await runScripted({ cases: [ticketCase()], scripts: { a: byStep({ ...happy, extract: answer({ output: 'not json at all', e2eMs: 10 }) }) } });
    const draft = result.records.find((record) => record.step === 'draft')!;
    expect(draft.warnings?.join('\n')).toMatch(/step draft: \{\{steps\.extract\.json\.customer\.name\}\}: the answer of step extract is not JSON/);
    expect(sent).toHaveLength(4);
    expect(result.records.at(-1)).toMatchObject({ status: 'ok', pipeline: { answered: 4 } });
  });

  it('retries a step on its own; the back-off is not in the critical path', async () => {
    const { result, sent } = await runScripted({
      cases: [ticketCase()],
      scripts: { a: byStep({ ...happy, tone: [failure('server_error', { afterMs: 10, httpStatus: 500 }), answer({ output: 'calm', e2eMs: 50 })] }) },
      settings: { maxRetries: 2 },
    });
    const tone = result.records.filter((record) => record.step === 'tone');
    expect(tone.map(({ attempt, final, status }) => ({ attempt, final, status }))).toEqual([
      { attempt: 1, final: false, status: 'error' },
      { attempt: 2, final: true, status: 'ok' },
    ]);
    // classify is sent once: only the failed step is retried.
    expect(sent.filter((request) => request.sentAt === 0)).toHaveLength(1);
    expect(result.records.at(-1)).toMatchObject({ status: 'ok', timing: { e2eMs: 600 }, pipeline: { attempts: 5 } });
  });

  it('a step that fails for good leaves the case unanswered, sends no step that needs it, and lets the others finish', async () => {
    const { result, sent } = await runScripted({
      cases: [ticketCase()],
      scripts: { a: byStep({ ...happy, extract: failure('bad_request', { afterMs: 5, httpStatus: 400, message: 'bad schema' }) }) },
      settings: { maxRetries: 2 },
    });
    expect(sent).toHaveLength(3);
    expect(result.records.some((record) => record.step === 'draft')).toBe(false);
    expect(result.records.find((record) => record.step === 'tone')).toMatchObject({ status: 'ok' });
    const caseRecord = result.records.at(-1)!;
    expect(caseRecord).toMatchObject({ status: 'error', error: { type: 'bad_request', message: 'step extract: bad schema' }, pipeline: { failedStep: 'extract', answered: 2 } });
    expect(caseRecord.pipeline).toBeDefined();
  });

  it('sends a step to its own target: the record keeps the run target and names the step\'s', async () => {
    const steps = [step('classify', 'Classify: late'), step('reply', 'Reply to {{steps.classify.output}}', ['classify'], { target: 'big' })];
    const testCase = fakeCase('t2', { messages: steps[0]!.messages, calls: { kind: 'pipeline', steps, output: 'reply' } });
    const big = fakeTarget('big');
    const { result, sent } = await runScripted({
      cases: [testCase],
      scripts: { mini: answer({ output: 'shipping' }), big: answer({ output: 'from big' }) },
      dependencies: { stepTarget: (runTarget, caseStep) => (caseStep.target === 'big' ? big : runTarget) },
      plan: (plan) => ({ ...plan, requests: plan.requests.filter((request) => request.target.label === 'mini') }),
    });
    expect(sent.map((request) => request.target)).toEqual(['mini', 'big']);
    expect(result.records.find((record) => record.step === 'reply')).toMatchObject({ target: 'mini', stepTarget: 'big', output: 'from big' });
    expect(result.records.find((record) => record.step === 'classify')?.stepTarget).toBeUndefined();
  });
});

describe('runPlan with a live conversation', () => {
  it('sends each turn after the history, earlier turns and the model\'s own answers; the final output is the transcript', async () => {
    const turns = ['hi', 'my order', 'thanks'].map((text, index) => step(`turn-${index + 1}`, text, index === 0 ? [] : [`turn-${index}`]));
    const testCase = fakeCase('c1', {
      messages: [{ role: 'user', content: 'earlier' }, { role: 'assistant', content: 'noted' }, ...turns[0]!.messages],
      calls: { kind: 'conversation', steps: turns, output: 'turn-3' },
    });
    const seen: string[][] = [];
    const { result } = await runScripted({
      cases: [testCase],
      scripts: {
        a: (request, call) => {
          seen.push(request.testCase.messages.map((message) => `${message.role}:${messageText(message)}`));
          return answer({ output: `answer ${call + 1}`, e2eMs: 10 });
        },
      },
    });
    expect(seen).toEqual([
      ['user:earlier', 'assistant:noted', 'user:hi'],
      ['user:earlier', 'assistant:noted', 'user:hi', 'assistant:answer 1', 'user:my order'],
      ['user:earlier', 'assistant:noted', 'user:hi', 'assistant:answer 1', 'user:my order', 'assistant:answer 2', 'user:thanks'],
    ]);
    expect(result.records.at(-1)).toMatchObject({
      status: 'ok',
      output: 'user: hi\n\nassistant: answer 1\n\nuser: my order\n\nassistant: answer 2\n\nuser: thanks\n\nassistant: answer 3',
      timing: { e2eMs: 30 },
      pipeline: { kind: 'conversation', steps: 3, answered: 3 },
    });
  });
});

describe('resuming a pipeline case', () => {
  it('sends no step that answered before; their answers feed the rest, and attempts are numbered on', async () => {
    const first = await runScripted({
      cases: [ticketCase()],
      scripts: { a: byStep({ ...happy, extract: failure('server_error', { afterMs: 5, httpStatus: 500 }) }) },
    });
    const earlier: AttemptRecord[] = first.result.records;
    expect(earlier.at(-1)).toMatchObject({ status: 'error', pipeline: { failedStep: 'extract' } });
    const second = await runScripted({
      cases: [ticketCase()],
      scripts: { a: byStep(happy) },
      plan: (plan) => resumePlan(plan, earlier),
    });
    expect(second.sent).toHaveLength(2);
    expect(second.result.records.filter((record) => record.step).map(({ step, attempt }) => ({ step, attempt }))).toEqual([
      { step: 'extract', attempt: 2 },
      { step: 'draft', attempt: 1 },
    ]);
    expect(second.result.records.at(-1)).toMatchObject({ status: 'ok', attempt: 2, output: 'Dear Ada, A-7 ships today', pipeline: { answered: 4, attempts: 5 } });
  });

  it('writes the case record, sending nothing, when every step had answered before the run stopped', async () => {
    const first = await runScripted({ cases: [ticketCase()], scripts: { a: byStep(happy) } });
    const stepsOnly = first.result.records.filter((record) => record.step !== undefined);
    const second = await runScripted({ cases: [ticketCase()], scripts: { a: byStep(happy) }, plan: (plan) => resumePlan(plan, stepsOnly) });
    expect(second.sent).toEqual([]);
    expect(second.result.records).toHaveLength(1);
    expect(second.result.records[0]).toMatchObject({ status: 'ok', output: 'Dear Ada, A-7 ships today', timing: { e2eMs: 600 }, pipeline: { answered: 4, attempts: 4 } });
  });

  it('leaves a slot whose case record answered out of the plan', async () => {
    const first = await runScripted({ cases: [ticketCase()], scripts: { a: byStep(happy) } });
    const plan = resumePlan({ requests: [{ testCase: ticketCase(), target: fakeTarget('a'), prompt: 'default', repeat: 1 }], targets: [fakeTarget('a')] }, first.result.records);
    expect(plan.requests).toEqual([]);
  });
});

describe('a pipeline case under --cache and open loop', () => {
  it('caches per step: a second run sends nothing, its steps are cached records, and its case record has no latency', async () => {
    const entries = new Map<string, unknown>();
    const store = {
      get: async (key: string) => entries.get(key),
      put: async (key: string, value: unknown) => (entries.set(key, value), true),
    };
    const cache = { store: store as never, keyOf: (request: PlannedRequest) => JSON.stringify([request.target.label, request.testCase.messages]) };
    const first = await runScripted({ cases: [ticketCase()], scripts: { a: byStep(happy) }, dependencies: { cache } });
    expect(first.sent).toHaveLength(4);
    expect(entries.size).toBe(4);
    const second = await runScripted({ cases: [ticketCase()], scripts: { a: byStep(happy) }, dependencies: { cache } });
    expect(second.sent).toHaveLength(0);
    expect(second.result.records.filter((record) => record.step).every((record) => record.cached)).toBe(true);
    const own = second.result.records.at(-1)!;
    expect(own).toMatchObject({ status: 'ok', output: 'Dear Ada, A-7 ships today', pipeline: { answered: 4, attempts: 0 } });
    expect(own.timing.e2eMs).toBeUndefined();
  });

  it('open loop: every step keeps its case\'s scheduled time; latency from it is counted per step', async () => {
    const { result } = await runScripted({ cases: [ticketCase('t1'), ticketCase('t2')], scripts: { a: byStep(happy) }, settings: { ratePerSecond: 1 } });
    for (const id of ['t1', 't2']) {
      const ofCase = result.records.filter((record) => record.caseId === id);
      const scheduled = new Set(ofCase.map((record) => record.schedule?.scheduledMs));
      expect(scheduled.size).toBe(1);
      const draft = ofCase.find((record) => record.step === 'draft')!;
      // draft was sent 400 ms after its case's due time, and answered 200 ms later.
      expect(draft.timing.e2eFromScheduledMs).toBe(600);
    }
    expect([...new Set(result.records.map((record) => record.schedule?.scheduledMs))]).toEqual([0, 1000]);
    // Closed loop, nothing is counted from a schedule: the steps' waits for each other are not latency.
    const closed = await runScripted({ cases: [ticketCase()], scripts: { a: byStep(happy) } });
    expect(closed.result.records.filter((record) => record.step).map((record) => record.timing.e2eFromScheduledMs)).toEqual([undefined, undefined, undefined, undefined]);
  });
});
