import { TargetError } from '../config/errors.ts';
import type { TargetSetting } from '../config/settings/eval-settings.ts';
import type { Case } from '../datasets/case.ts';
import type { StepTargetOf } from '../runner/pipeline/step-target.ts';
import type { PriceTable, Target } from '../targets/index.ts';
import { resolveEvalTargets, type Simulator } from './start-simulator.ts';

export type StepTargets = {
  /** The target each step is sent to: the run target's `steps:` override, else the step's `target:`, else the run target. */
  stepTarget: StepTargetOf;
  /** The targets steps are sent to that are not run targets (their prices and maximum output tokens count in a budget). */
  extraTargets: Target[];
};

/**
 * Resolves every step target of a run once, before it starts: the specs in the run targets'
 * `steps:` (the eval file) and in the cases' steps (`target:`), as the run's own targets are
 * (`simulated:` ones by the run's simulator). A spec whose label is a run target's is that target.
 * Every problem is reported at once, as a TargetError.
 */
export function resolveStepTargets(
  settings: { targets: readonly TargetSetting[] },
  inputs: { cases: readonly Case[]; targets: readonly Target[]; prices: PriceTable; simulator?: Simulator | undefined },
  environment: Record<string, string | undefined>,
  /** Where the run target at an index was given (an eval file's line), for messages. */
  place: (index: number) => string = (index) => `targets[${index}]`,
): StepTargets {
  const specs = new Set<string>();
  for (const entry of settings.targets) for (const spec of Object.values(entry.steps ?? {})) specs.add(spec);
  for (const testCase of inputs.cases) for (const step of testCase.calls?.steps ?? []) if (step.target !== undefined) specs.add(step.target);
  const bySpec = new Map<string, Target>();
  const problems: string[] = unknownStepOverrides(settings.targets, inputs.cases, place);
  for (const spec of specs) {
    try {
      const [target] = resolveEvalTargets([{ target: spec }], { environment, prices: inputs.prices, simulator: inputs.simulator });
      if (!target) continue;
      const namesake = inputs.targets.find((runTarget) => runTarget.label === target.label);
      if (namesake && !sameRoute(namesake, target)) problems.push(`step target ${spec}: its label "${target.label}" is a run target's, which goes elsewhere; give it another label (label=spec)`);
      else bySpec.set(spec, namesake ?? target);
    } catch (error) {
      if (!(error instanceof TargetError)) throw error;
      problems.push(`step target ${spec}: ${error.message}`);
    }
  }
  if (problems.length > 0) throw new TargetError(problems.join('\n'));
  // Run targets are resolved in the order given, so the setting at an index is the target's.
  const overrides = new Map(inputs.targets.map((target, index) => [target, settings.targets[index]?.steps ?? {}]));
  const stepTarget: StepTargetOf = (runTarget, step) => {
    const spec = overrides.get(runTarget)?.[step.name] ?? step.target;
    return (spec === undefined ? undefined : bySpec.get(spec)) ?? runTarget;
  };
  const extraTargets = [...new Set(bySpec.values())].filter((target) => !inputs.targets.includes(target));
  return { stepTarget, extraTargets };
}

/**
 * A `steps:` key that names no step of the run's cases would send nothing elsewhere, and the
 * comparison it was written for would quietly compare a target with itself: refused.
 */
function unknownStepOverrides(entries: readonly TargetSetting[], cases: readonly Case[], place: (index: number) => string): string[] {
  const names = [...new Set(cases.flatMap((testCase) => testCase.calls?.steps.map((step) => step.name) ?? []))];
  return entries.flatMap((entry, index) =>
    Object.keys(entry.steps ?? {})
      .filter((name) => !names.includes(name))
      .map((name) =>
        names.length === 0
          ? `${place(index)}: steps.${name}: the run has no pipeline or conversation, so no step to send elsewhere`
          : `${place(index)}: steps.${name}: no case of the run has a step "${name}" (steps: ${names.slice(0, 12).join(', ')}${names.length > 12 ? ', …' : ''})`,
      ),
  );
}

function sameRoute(left: Target, right: Target): boolean {
  return left.spec.kind === right.spec.kind && left.spec.modelId === right.spec.modelId && left.endpoint === right.endpoint;
}
