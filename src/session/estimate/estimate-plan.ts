import type { EvalSettings } from '../../config/settings/eval-settings.ts';
import type { Plan } from '../../runner/plan-run.ts';
import { loadTokenCounter } from '../../runner/token-counter.ts';
import type { PriceTable } from '../../targets/index.ts';
import { estimateRun } from './estimate-run.ts';
import type { RunEstimate } from './estimate-types.ts';
import type { PastOutputTokens } from './past-output-tokens.ts';
import { stepCallTargets } from './step-call-targets.ts';

/**
 * The estimate of a plan as `run` would send it: its slots, each step of a multi-call case at its
 * own target's price, and the warm-ups (none when nothing is left to send).
 */
export async function estimatePlan(
  settings: Pick<EvalSettings, 'targets' | 'warmup' | 'maxTokens'>,
  inputs: { prices: PriceTable },
  plan: Plan,
  past: { pastOutput?: PastOutputTokens | undefined; fromRun?: string | undefined } = {},
): Promise<RunEstimate> {
  const countO200k = await loadTokenCounter();
  return estimateRun({
    requests: plan.requests,
    targets: plan.targets,
    warmup: plan.requests.length > 0 ? settings.warmup : 0,
    maxTokens: settings.maxTokens,
    stepTarget: stepCallTargets(settings.targets, plan.targets, inputs.prices),
    countO200k,
    pastOutput: past.pastOutput,
    ...(past.fromRun !== undefined ? { fromRun: past.fromRun } : {}),
  });
}
