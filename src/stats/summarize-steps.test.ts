import { describe, expect, it } from 'vitest';
import type { AttemptError } from '../records/attempt-record.ts';
import { caseOutcomes } from './case-outcomes.ts';
import { choiceOption } from './choice-option.ts';
import { makeAttempt } from './make-attempt.ts';
import { summarize } from './summarize.ts';
import { summarizeSteps } from './summarize-steps.ts';
import { pipelineSlot } from './test/pipeline-records.ts';

const timeout: AttemptError = { type: 'timeout', message: 'no first byte in 30 s' };

/**
 * Three support tickets through classify → extract → draft: q1 passes every step, q2's extract
 * times out once and is retried, and its draft fails its scorer; q3's extract times out twice and
 * leaves the case unanswered.
 */
function run() {
  return [
    ...pipelineSlot({
      caseId: 'q1', ttftMs: 620, criticalPathMs: 900, sumOfStepsMs: 900, passed: true,
      steps: [
        { step: 'classify', ttftMs: 100, e2eMs: 200, costUsd: 0.001, outputTokens: 3, passed: true },
        { step: 'extract', ttftMs: 110, e2eMs: 300, costUsd: 0.002, outputTokens: 30, passed: true },
        { step: 'draft', ttftMs: 120, e2eMs: 400, costUsd: 0.003, outputTokens: 90, passed: true },
      ],
    }),
    ...pipelineSlot({
      caseId: 'q2', ttftMs: 700, criticalPathMs: 1000, sumOfStepsMs: 1000, passed: false,
      steps: [
        { step: 'classify', ttftMs: 102, e2eMs: 210, costUsd: 0.001, outputTokens: 3, passed: true },
        { step: 'extract', error: timeout, attempt: 1 },
        { step: 'extract', ttftMs: 130, e2eMs: 320, costUsd: 0.002, outputTokens: 34, passed: true, attempt: 2 },
        { step: 'draft', ttftMs: 140, e2eMs: 470, costUsd: 0.003, outputTokens: 110, passed: false },
      ],
    }),
    ...pipelineSlot({
      caseId: 'q3', failedStep: 'extract',
      steps: [
        { step: 'classify', ttftMs: 104, e2eMs: 220, costUsd: 0.001, outputTokens: 3, passed: false },
        { step: 'extract', error: timeout, attempt: 1 },
        { step: 'extract', error: timeout, attempt: 2 },
      ],
    }),
  ];
}

describe('the case view of multi-call cases', () => {
  it('counts each case once, from its own record, and spending from its steps', () => {
    const [summary] = summarize(run());
    expect(summary).toMatchObject({ requests: 3, cases: 3, ok: 2, unanswered: 1, errorCounts: { timeout: 1 } });
    // Requests sent: 3 + 4 + 3 step attempts, not the cases' own records.
    expect(summary!.attempts).toBe(10);
    // Answered with no step retried: q1 alone (q2's extract was retried, q3 was not answered).
    expect(summary!.firstAttemptSuccessRate).toBeCloseTo(1 / 3, 12);
    // The steps' costs once: the cases' own records repeat their sum.
    expect(summary!.costUsdTotal).toBeCloseTo(0.013, 12);
    expect(summary!.inputTokensTotal).toBe(100);
    // The pipeline's TTFT (first token of the last step) and e2e (the critical path), never a step's.
    expect(summary!.ttftMeanMs).toBe(660);
    expect(summary!.percentiles.e2eP50Ms).toMatchObject({ n: 2, needed: 6 });
    // Final pass: q1 passed, q2's draft failed, q3 unanswered counts as failed.
    expect(summary!.passRate).toBeCloseTo(1 / 3, 12);
    expect(summary!.passRateCases).toBe(3);
  });

  it('gives case outcomes without the steps: the whole cost of a case is its own record\'s', () => {
    const outcomes = caseOutcomes(run());
    expect([...outcomes.keys()]).toHaveLength(3);
    const q2 = [...outcomes.values()].find((outcome) => outcome.caseId === 'q2')!;
    expect(q2).toMatchObject({ slots: 1, answered: 1, scored: 1, passed: 0, ttftMs: [700], e2eMs: [1000] });
    expect(q2.costUsd).toBeCloseTo(0.006, 12);
  });
});

describe('choose on multi-call cases', () => {
  it('weighs each case once, at the cost of the whole case', () => {
    const records = run();
    const option = choiceOption({ target: 'mock:mini', prompt: 'default', simulated: true }, records, [...caseOutcomes(records).values()]);
    expect(option).toMatchObject({ cases: 3, requests: 3, unanswered: 1, passed: 1 });
    expect(option.costUsd).toBeCloseTo(0.013, 12);
    expect(option.costPerPassedUsd).toBeCloseTo(0.013, 12);
  });
});

describe('summarizeSteps', () => {
  it('gives one row per step, in the order the steps came, with the case as the unit', () => {
    const { steps } = summarizeSteps(run());
    expect(steps.map((step) => step.step)).toEqual(['classify', 'extract', 'draft']);
    const [classify, extract, draft] = steps;
    expect(classify).toMatchObject({ kind: 'pipeline', cases: 3, requests: 3, attempts: 3, failures: 0, scored: 3, passed: 2, passRateCases: 3 });
    expect(classify!.passRate).toBeCloseTo(2 / 3, 12);
    expect(classify!.ttftP50Ms).toMatchObject({ n: 3, estimate: undefined, needed: 6 });
    expect(classify!.costPerCaseUsd).toBeCloseTo(0.001, 12);
    expect(classify!.outputTokensMean).toBe(3);
    // extract: q2 answered at its retry, q3 never: a failure that counts against its pass rate.
    expect(extract).toMatchObject({ cases: 3, requests: 3, attempts: 5, failures: 1, errorCounts: { timeout: 1 }, scored: 2, passed: 2 });
    expect(extract!.passRate).toBeCloseTo(2 / 3, 12);
    expect(extract!.ttftP50Ms?.n).toBe(2);
    expect(extract!.outputTokensMean).toBe(32);
    // draft: q3 never got there.
    expect(draft).toMatchObject({ cases: 2, requests: 2, failures: 0, passed: 1, passRate: 0.5 });
    expect(draft!.costUsdTotal).toBeCloseTo(0.006, 12);
  });

  it('gives the whole cases: critical path against the sum of the steps, cost per case, the failed step', () => {
    const { pipelines } = summarizeSteps(run());
    expect(pipelines).toHaveLength(1);
    expect(pipelines[0]).toMatchObject({ target: 'mock:mini', kind: 'pipeline', requests: 3, answered: 2, failedSteps: { extract: 1 } });
    expect(pipelines[0]!.criticalPathP50Ms?.n).toBe(2);
    expect(pipelines[0]!.costPerCaseUsd).toBeCloseTo(0.013 / 3, 12);
    expect(pipelines[0]!.attemptsPerCase).toBeCloseTo(10 / 3, 12);
    // The final output's pass rate over these cases alone: q1 passed, q2 failed, q3 unanswered.
    expect(pipelines[0]!.passRate).toBeCloseTo(1 / 3, 12);
    expect(pipelines[0]!.passRateCases).toBe(3);
  });

  it("gives a step's cost per run of the case, as the whole case's is: repeats do not add up", () => {
    const twice = [1, 2].flatMap((repeat) =>
      pipelineSlot({
        caseId: 'q1', repeat, ttftMs: 620, criticalPathMs: 900, sumOfStepsMs: 900, passed: true,
        steps: [
          { step: 'classify', ttftMs: 100, e2eMs: 200, costUsd: 0.001, outputTokens: 3, passed: true },
          { step: 'draft', ttftMs: 120, e2eMs: 400, costUsd: 0.003, outputTokens: 90, passed: true },
        ],
      }),
    );
    const { steps, pipelines } = summarizeSteps(twice);
    expect(steps.map((step) => [step.step, step.cases, step.requests, step.costPerCaseUsd])).toEqual([
      ['classify', 1, 2, expect.closeTo(0.001, 12)],
      ['draft', 1, 2, expect.closeTo(0.003, 12)],
    ]);
    expect(pipelines[0]!.costPerCaseUsd).toBeCloseTo(0.004, 12);
  });

  it("orders the rows by the summaries' (target, prompt), then by the order the step names first came", () => {
    const slot = (target: string, caseId: string, names: string[]) => pipelineSlot({ caseId, target, steps: names.map((step) => ({ step, ttftMs: 1, e2eMs: 1 })) });
    // The records interleave as the answers came back: 4o's draft before mini's classify.
    const records = [...slot('mock:4o', 'q1', ['classify', 'draft']), ...slot('mock:mini', 'q1', ['classify', 'draft'])];
    const { steps, pipelines } = summarizeSteps(records, [{ target: 'mock:mini', prompt: 'default' }, { target: 'mock:4o', prompt: 'default' }]);
    expect(steps.map((step) => `${step.target} ${step.step}`)).toEqual(['mock:mini classify', 'mock:mini draft', 'mock:4o classify', 'mock:4o draft']);
    expect(pipelines.map((pipeline) => pipeline.target)).toEqual(['mock:mini', 'mock:4o']);
  });

  it('bounds the medians once the sample is large enough, and shows parallel steps as shorter than their sum', () => {
    const records = Array.from({ length: 8 }, (_, index) =>
      pipelineSlot({
        caseId: `q${index}`, ttftMs: 300 + index, criticalPathMs: 500 + index, sumOfStepsMs: 800 + index, passed: true,
        steps: [
          { step: 'left', ttftMs: 100 + index, e2eMs: 300, costUsd: 0.001 },
          { step: 'right', ttftMs: 100, e2eMs: 300, costUsd: 0.001, stepTarget: 'mock:4o' },
          { step: 'join', ttftMs: 100, e2eMs: 200 + index, costUsd: 0.001 },
        ],
      }),
    ).flat();
    const { steps, pipelines } = summarizeSteps(records);
    expect(steps[0]!.ttftP50Ms).toMatchObject({ n: 8, estimate: 103.5 });
    expect(steps[0]!.passRate).toBeUndefined();
    expect(steps[1]!.stepTarget).toBe('mock:4o');
    expect(steps[0]!.stepTarget).toBeUndefined();
    expect(pipelines[0]!.criticalPathP50Ms).toMatchObject({ estimate: 503.5 });
    expect(pipelines[0]!.sumOfStepsP50Ms).toMatchObject({ estimate: 803.5 });
    // The summary row is the pipeline view: e2e is the critical path, TTFT the last step's first token.
    expect(summarize(records)[0]).toMatchObject({ e2eP50Ms: 503.5, ttftP50Ms: 303.5, requests: 8, attempts: 24 });
  });

  it('labels conversation turns, and is empty for a run of single calls', () => {
    const turns = pipelineSlot({ caseId: 'chat', kind: 'conversation', ttftMs: 90, criticalPathMs: 800, passed: true, steps: [{ step: 'turn 1', ttftMs: 90, e2eMs: 300 }, { step: 'turn 2', ttftMs: 95, e2eMs: 500 }] });
    expect(summarizeSteps(turns).steps.map((step) => step.kind)).toEqual(['conversation', 'conversation']);
    expect(summarizeSteps([makeAttempt({ timing: { ttftMs: 100 } })])).toEqual({ steps: [], pipelines: [] });
  });

  it('decides a resumed step by its latest attempt', () => {
    const first = pipelineSlot({ caseId: 'q1', failedStep: 'extract', steps: [{ step: 'classify', ttftMs: 100, e2eMs: 200, passed: true }, { step: 'extract', error: timeout }] });
    // The resumed session sends extract again (attempt 2), then the rest, and writes the case's record anew.
    const resumed = pipelineSlot({ caseId: 'q1', passed: true, ttftMs: 400, criticalPathMs: 700, steps: [{ step: 'extract', ttftMs: 100, e2eMs: 250, passed: true, attempt: 2 }, { step: 'draft', ttftMs: 100, e2eMs: 250, passed: true }] });
    const { steps, pipelines } = summarizeSteps([...first, ...resumed]);
    expect(steps.find((step) => step.step === 'extract')).toMatchObject({ requests: 1, attempts: 2, failures: 0, passed: 1 });
    expect(pipelines[0]).toMatchObject({ requests: 1, answered: 1, failedSteps: {} });
  });
});

describe('prompt cache and gateway cost in the summary', () => {
  it('splits TTFT cold and warm only where a target has both, and counts --cache-bust as cold', () => {
    const records = [
      makeAttempt({ caseId: 'c1', timing: { ttftMs: 900 }, usage: { inputTokens: 100_000, estimated: false } }),
      makeAttempt({ caseId: 'c2', timing: { ttftMs: 880 }, usage: { inputTokens: 100_000, cachedInputTokens: 0, estimated: false } }),
      makeAttempt({ caseId: 'c3', timing: { ttftMs: 870 }, usage: { inputTokens: 100_000, cachedInputTokens: 99_000, estimated: false }, cacheBusted: true }),
      ...Array.from({ length: 6 }, (_, index) => makeAttempt({ caseId: `w${index}`, timing: { ttftMs: 200 + index }, usage: { inputTokens: 100_000, cachedInputTokens: 99_000, estimated: false } })),
      makeAttempt({ target: 'cold-only', timing: { ttftMs: 900 }, usage: { inputTokens: 100, estimated: false } }),
    ];
    const [split, cold] = summarize(records);
    expect(split).toMatchObject({ ttftColdN: 3, ttftWarmN: 6, ttftWarmP50Ms: 202.5 });
    // Three cold calls cannot bound a median: the n it needs, never a number.
    expect(split!.ttftColdP50Ms).toBeUndefined();
    expect(split!.percentiles.ttftColdP50Ms).toMatchObject({ n: 3, needed: 6 });
    expect(cold).toMatchObject({ ttftColdN: undefined, ttftWarmN: undefined, ttftColdP50Ms: undefined });
  });

  it('sums list-price and gateway cost over the calls that have both, with their difference', () => {
    const records = [
      makeAttempt({ caseId: 'a', costUsd: 0.0011, listCostUsd: 0.001, gatewayCostUsd: 0.0011 }),
      makeAttempt({ caseId: 'b', costUsd: 0.0033, listCostUsd: 0.003, gatewayCostUsd: 0.0033 }),
      makeAttempt({ caseId: 'c', costUsd: 0.002, listCostUsd: 0.002 }),
      makeAttempt({ target: 'direct', costUsd: 0.002 }),
    ];
    const [gateway, direct] = summarize(records);
    expect(gateway!.gatewayCostCalls).toBe(2);
    expect(gateway!.listCostUsd).toBeCloseTo(0.004, 12);
    expect(gateway!.gatewayCostUsd).toBeCloseTo(0.0044, 12);
    expect(gateway!.gatewayCostDiffUsd).toBeCloseTo(0.0004, 12);
    expect(gateway!.gatewayCostDiffPercent).toBeCloseTo(10, 9);
    expect(direct).toMatchObject({ gatewayCostCalls: undefined, listCostUsd: undefined, gatewayCostDiffUsd: undefined });
  });
});
