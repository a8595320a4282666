import { flagNames, type SettingNames } from '../../config/settings/setting-names.ts';
import type { PreparedEval } from '../prepare-eval.ts';
import { describeEstimate } from './describe-estimate.ts';
import { estimatePlan } from './estimate-plan.ts';
import type { RunEstimate } from './estimate-types.ts';
import { SpendNotConfirmedError, spendQuestion, type SpendQuestion } from './spend-question.ts';

export type EstimateContext = {
  onNotice?: ((message: string) => void) | undefined;
  /**
   * `--confirm-above`: asked when the estimate is above the limit, before anything is sent or any
   * folder made; the CLI asks on a terminal and refuses off one. Without it, the run is refused.
   */
  confirmSpend?: ((spend: SpendQuestion) => Promise<boolean>) | undefined;
  names?: SettingNames | undefined;
};

/**
 * Before a run sends anything: its estimate in one notice, then `--confirm-above`. A run that is
 * not confirmed ends with SpendNotConfirmedError, nothing sent.
 */
export async function estimateBeforeRun(prepared: Pick<PreparedEval, 'settings' | 'inputs' | 'plan'>, context: EstimateContext): Promise<RunEstimate | undefined> {
  if (prepared.plan.requests.length === 0) return undefined;
  const estimate = await estimatePlan(prepared.settings, prepared.inputs, prepared.plan);
  context.onNotice?.(describeEstimate(estimate));
  const spend = spendQuestion(estimate, prepared.settings.confirmAbove, (context.names ?? flagNames).name('confirmAbove'));
  if (spend && !(await context.confirmSpend?.(spend))) throw new SpendNotConfirmedError(spend);
  return estimate;
}
