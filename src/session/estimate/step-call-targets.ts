import type { TargetSetting } from '../../config/settings/eval-settings.ts';
import type { CaseStep } from '../../datasets/case.ts';
import { parseTargetSpec, splitLabel, type PriceTable } from '../../targets/index.ts';
import { providerKinds } from '../../targets/provider-kinds.ts';
import { isSimulatedSpec, simulatedPrefix } from '../start-simulator.ts';
import type { CallTarget } from './estimate-types.ts';

/**
 * Where each step of a multi-call case goes, for its price: the run target's `steps:` override
 * (it wins), else the step's own `target:`, else the run target. A step target is only parsed
 * and priced here, never resolved with keys: the estimate needs none. `entries` are the eval's
 * targets in the order `targets` were resolved from them.
 */
export function stepCallTargets<T extends CallTarget>(entries: readonly TargetSetting[], targets: readonly T[], prices: PriceTable): (target: T, step: CaseStep) => CallTarget {
  const overrides = new Map(targets.map((target, index) => [target.label, entries[index]?.steps ?? {}]));
  const bySpec = new Map<string, CallTarget>();
  return (target, step) => {
    const spec = overrides.get(target.label)?.[step.name] ?? step.target;
    if (spec === undefined) return target;
    let callTarget = bySpec.get(spec);
    if (!callTarget) bySpec.set(spec, (callTarget = priceOfSpec(spec, prices)));
    return callTarget;
  };
}

/** A spec's label, model and price row; `simulated:` specs are served by the simulator, and cost nothing. */
function priceOfSpec(written: string, prices: PriceTable): CallTarget {
  const simulated = isSimulatedSpec(written);
  const outer = splitLabel(written.trim());
  let text = outer?.spec ?? written.trim();
  if (simulated) text = text.slice(simulatedPrefix.length);
  // The simulator fills in its own URL for a bare openai-compatible model.
  if (simulated && text.startsWith('openai-compatible:') && !text.includes('@')) text = `${text}@http://127.0.0.1/v1`;
  const spec = parseTargetSpec(text);
  const price = prices.get(providerKinds[spec.kind].priceModelId(spec));
  return { label: outer?.label ?? (simulated ? text : spec.label), spec, simulated, ...(price ? { price } : {}) };
}
