import type { Case } from '../datasets/case.ts';
import type { Target } from '../targets/index.ts';

/** One slot of the plan: a case sent to a target, for one repeat. Retries stay in the slot. */
export type PlannedRequest = {
  testCase: Case;
  target: Target;
  prompt: string;
  repeat: number;
  /** When resuming a slot that was tried before: the number of its next attempt. */
  firstAttempt?: number;
};

export type Plan = { requests: PlannedRequest[]; targets: Target[] };

/**
 * Cases × targets × repeats, interleaved: repeat-major, then case, with the order of targets
 * rotated from one case to the next, so every target is measured all through the run rather
 * than only at its start (cold) or its end (when other targets' load has moved on).
 */
export function planRun(input: { cases: Case[]; targets: Target[]; repeats: number; prompt?: string }): Plan {
  const requests: PlannedRequest[] = [];
  const prompt = input.prompt ?? 'default';
  let turn = 0;
  for (let repeat = 1; repeat <= input.repeats; repeat++) {
    for (const testCase of input.cases) {
      for (let index = 0; index < input.targets.length; index++) {
        const target = input.targets[(index + turn) % input.targets.length];
        if (target) requests.push({ testCase, target, prompt, repeat });
      }
      turn++;
    }
  }
  return { requests, targets: input.targets };
}
