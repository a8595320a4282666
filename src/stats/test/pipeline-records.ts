import type { AttemptError, AttemptRecord } from '../../records/attempt-record.ts';
import { makeAttempt } from '../make-attempt.ts';

/** One attempt of one step, as the pipeline runner records it. */
export type StepAttempt = {
  step: string;
  ttftMs?: number;
  e2eMs?: number;
  outputTokens?: number;
  costUsd?: number;
  /** The step's scorers' verdict; absent: the step has none. */
  passed?: boolean;
  error?: AttemptError;
  attempt?: number;
  stepTarget?: string;
  cachedInputTokens?: number;
};

/**
 * Test helper: the records of one multi-call slot as the contract lays them out (pipeline-figures.ts):
 * each attempt of each step with `step`, then the case's own record with `pipeline` and no `step`,
 * whose usage and cost are the sums over every attempt and whose timing is the whole case's.
 */
export function pipelineSlot(input: {
  caseId: string;
  target?: string;
  repeat?: number;
  kind?: 'pipeline' | 'conversation';
  steps: StepAttempt[];
  /** The case's own record: TTFT of the output step on the critical path, and the critical path. */
  ttftMs?: number;
  criticalPathMs?: number;
  sumOfStepsMs?: number;
  passed?: boolean;
  failedStep?: string;
}): AttemptRecord[] {
  const target = input.target ?? 'mock:mini';
  const repeat = input.repeat ?? 1;
  const steps = input.steps.map((step) =>
    makeAttempt({
      caseId: input.caseId,
      target,
      repeat,
      step: step.step,
      attempt: step.attempt ?? 1,
      ...(step.stepTarget !== undefined ? { stepTarget: step.stepTarget } : {}),
      timing: { ...(step.ttftMs !== undefined ? { ttftMs: step.ttftMs } : {}), ...(step.e2eMs !== undefined ? { e2eMs: step.e2eMs } : {}) },
      usage: { inputTokens: 10, outputTokens: step.outputTokens ?? 5, estimated: false, ...(step.cachedInputTokens !== undefined ? { cachedInputTokens: step.cachedInputTokens } : {}) },
      ...(step.costUsd !== undefined ? { costUsd: step.costUsd } : {}),
      ...(step.passed !== undefined && !step.error ? { score: { score: step.passed ? 1 : 0, passed: step.passed, reason: '' } } : {}),
      ...(step.error ? { error: step.error } : {}),
    }),
  );
  const cost = input.steps.reduce((sum, step) => sum + (step.costUsd ?? 0), 0);
  const failed = input.failedStep !== undefined;
  const answered = new Set(input.steps.filter((step) => !step.error).map((step) => step.step)).size;
  const own = makeAttempt({
    caseId: input.caseId,
    target,
    repeat,
    timing: { ...(input.ttftMs !== undefined ? { ttftMs: input.ttftMs } : {}), ...(input.criticalPathMs !== undefined ? { e2eMs: input.criticalPathMs } : {}) },
    usage: { inputTokens: 10 * input.steps.length, outputTokens: input.steps.reduce((sum, step) => sum + (step.outputTokens ?? 5), 0), estimated: false },
    costUsd: cost,
    pipeline: {
      kind: input.kind ?? 'pipeline',
      steps: new Set(input.steps.map((step) => step.step)).size,
      answered,
      attempts: input.steps.length,
      ...(input.failedStep !== undefined ? { failedStep: input.failedStep } : {}),
      ...(input.criticalPathMs !== undefined ? { criticalPathMs: input.criticalPathMs } : {}),
      ...(input.sumOfStepsMs !== undefined ? { sumOfStepsMs: input.sumOfStepsMs } : {}),
    },
    ...(input.passed !== undefined && !failed ? { score: { score: input.passed ? 1 : 0, passed: input.passed, reason: '' } } : {}),
    ...(failed ? { error: { type: 'timeout', message: `step ${input.failedStep} timed out` } as AttemptError } : {}),
  });
  return [...steps, own];
}
