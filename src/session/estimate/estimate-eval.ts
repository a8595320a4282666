import type { EvalSettings } from '../../config/settings/eval-settings.ts';
import { flagNames, type SettingNames } from '../../config/settings/setting-names.ts';
import { planRun } from '../../runner/plan-run.ts';
import { parseShard, shardPlan } from '../../runner/shard-plan.ts';
import { loadEvalInputs } from '../load-eval-inputs.ts';
import { estimateEnvironment } from './estimate-environment.ts';
import { estimatePlan } from './estimate-plan.ts';
import type { RunEstimate } from './estimate-types.ts';
import { readPastOutputTokens } from './past-output-tokens.ts';

/**
 * `llm-bench estimate`: the eval's inputs loaded and checked as `run` loads them, its plan made,
 * and its estimate, with nothing sent and no key needed (a missing one is stood in for: no
 * request is made). `fromRun`: a past run folder whose answers give the expected output.
 */
export async function estimateEval(settings: EvalSettings, context: { environment: Record<string, string | undefined>; cwd: string; names?: SettingNames | undefined; fromRun?: string | undefined }): Promise<RunEstimate> {
  const names = context.names ?? flagNames;
  const shard = settings.shard !== undefined ? parseShard(settings.shard, names.place('shard')) : undefined;
  // Read first: a bad folder is refused before the simulator (if any) is started.
  const past = context.fromRun === undefined ? undefined : await readPastOutputTokens(context.fromRun, context.cwd);
  const inputs = await loadEvalInputs(settings, { environment: estimateEnvironment(settings.targets, context.environment), cwd: context.cwd, names });
  try {
    const whole = planRun({ cases: inputs.cases, targets: inputs.targets, repeats: settings.repeats, variants: inputs.variants });
    const plan = shard ? shardPlan(whole, shard) : whole;
    return await estimatePlan(settings, inputs, plan, { pastOutput: past, fromRun: context.fromRun });
  } finally {
    // A `simulated:` target starts the simulator; it answers nothing here.
    await inputs.simulator?.close();
  }
}
