import type { CaseStep } from '../../datasets/case.ts';
import type { Target } from '../../targets/index.ts';

/**
 * The target a step of a multi-call case is sent to when the run sends the case to `runTarget`:
 * the run target's `steps:` override, else the step's own `target:`, else the run target.
 */
export type StepTargetOf = (runTarget: Target, step: CaseStep) => Target;

export const sameTarget: StepTargetOf = (runTarget) => runTarget;
