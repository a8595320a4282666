import type { TargetSetting } from '../../config/settings/eval-settings.ts';
import { parseTargetSpec, splitLabel } from '../../targets/index.ts';
import { providerKinds } from '../../targets/provider-kinds.ts';
import { isSimulatedSpec } from '../start-simulator.ts';

/** Stands in for a key the estimate does not have: it sends nothing, so no key is read. */
export const placeholderKey = 'llm-bench-estimate-sends-nothing';

/**
 * The environment with a stand-in for every key a target would need and the user has not set:
 * `estimate` resolves targets as `run` does (their routes, prices and base URLs), but a missing
 * key must not stop it. A spec that does not parse is left for the resolution to report.
 */
export function estimateEnvironment(entries: readonly TargetSetting[], environment: Record<string, string | undefined>): Record<string, string | undefined> {
  const filled = { ...environment };
  for (const entry of entries) {
    if (isSimulatedSpec(entry.target)) continue;
    let spec;
    try {
      spec = parseTargetSpec(splitLabel(entry.target.trim())?.spec ?? entry.target);
    } catch {
      continue;
    }
    for (const alternatives of providerKinds[spec.kind].requiredEnvironment(spec)) {
      if (alternatives.some((name) => filled[name])) continue;
      // Azure's resource name builds its URL; a key is a key.
      filled[alternatives[0]!] = alternatives[0] === 'AZURE_RESOURCE_NAME' ? 'estimate' : placeholderKey;
    }
  }
  return filled;
}
