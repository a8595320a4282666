import type { CaseCalls, CaseStep } from '../../datasets/case.ts';

/**
 * The steps a step waits for: its `after` in a pipeline; every earlier turn in a conversation
 * (each turn is sent with the whole history before it, so turns run one after another).
 */
export function stepDependencies(calls: CaseCalls, step: CaseStep): readonly string[] {
  if (calls.kind === 'pipeline') return step.after;
  const index = calls.steps.indexOf(step);
  return calls.steps.slice(0, Math.max(0, index)).map((earlier) => earlier.name);
}
