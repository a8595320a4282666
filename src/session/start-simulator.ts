import type { Dataset } from '../datasets/index.ts';
import { resolveTargets, splitLabel, type PriceTable, type Target, type TargetRequest } from '../targets/index.ts';
import type { TargetSetting } from '../config/settings/eval-settings.ts';
import { TargetError } from '../config/errors.ts';
import type { SimulatorKnowledge } from './simulator-cases.ts';

/** `simulated:openai/gpt-4o-mini@azure`: the route, served by the built-in simulator started in-process. */
export const simulatedPrefix = 'simulated:';
/** The simulator accepts any key; this one only keeps the provider packages' key checks happy. */
const simulatorKey = 'simulator-accepts-any-key';

/** `simulated:<spec>`, or `label=simulated:<spec>`. */
export function isSimulatedSpec(spec: string): boolean {
  const text = spec.trim();
  return (splitLabel(text)?.spec ?? text).startsWith(simulatedPrefix);
}

export type Simulator = { url: string; environment: Record<string, string>; knowledge: SimulatorKnowledge; close(): Promise<void> };

/** Starts the simulator on 127.0.0.1, knowing the datasets' answers, and the environment that points every provider package at it. */
export async function startSimulator(datasets: readonly Dataset[], options: { seed: number; answerBooks: boolean }): Promise<Simulator> {
  const [{ startMockServer }, { simulatorKnowledge }] = await Promise.all([import('../mock/index.ts'), import('./simulator-cases.ts')]);
  const knowledge = await simulatorKnowledge(datasets, { answerBooks: options.answerBooks });
  const server = await startMockServer({ seed: options.seed, cases: knowledge.cases });
  return {
    url: server.url,
    knowledge,
    environment: simulatorEnvironment(server.url),
    close: () => server.close(),
  };
}

/** What points every provider package at the simulator on `url`. */
function simulatorEnvironment(url: string): Record<string, string> {
  return {
    AI_GATEWAY_BASE_URL: `${url}/v4/ai`,
    AI_GATEWAY_API_KEY: simulatorKey,
    OPENAI_BASE_URL: `${url}/v1`,
    OPENAI_API_KEY: simulatorKey,
    // Azure's v1 path: @ai-sdk/azure appends /responses to a base URL that is not on azure.com.
    AZURE_BASE_URL: `${url}/openai/v1`,
    AZURE_API_KEY: simulatorKey,
    ANTHROPIC_BASE_URL: `${url}/v1`,
    ANTHROPIC_API_KEY: simulatorKey,
    OPENAI_COMPATIBLE_API_KEY: simulatorKey,
  };
}

/**
 * Resolves an eval's targets: real ones with the user's environment, `simulated:` ones with the
 * simulator's (their label drops the prefix), in the order given, every problem reported at once.
 */
export function resolveEvalTargets(
  entries: readonly TargetSetting[],
  context: { environment: Record<string, string | undefined>; prices: PriceTable; simulator?: Simulator | undefined; item?: ((index: number) => string | undefined) | undefined },
): Target[] {
  const problems: string[] = [];
  const resolved: Target[] = [];
  const labels = new Set<string>();
  for (const [index, entry] of entries.entries()) {
    const simulated = isSimulatedSpec(entry.target);
    // From the eval file, each problem at its item's line.
    const at = context.item?.(index);
    const placed = (message: string) => (at === undefined ? message : message.split('\n').map((line) => `${at}: ${line}`).join('\n'));
    const request: TargetRequest = simulated ? simulatedRequest(entry, context.simulator) : entry;
    try {
      const [target] = resolveTargets([request], {
        // Without a simulator (another input failed first), its routes are still checked, not its keys.
        environment: simulated ? { ...context.environment, ...(context.simulator?.environment ?? simulatorEnvironment('http://127.0.0.1')) } : context.environment,
        prices: context.prices,
      });
      if (!target) continue;
      if (labels.has(target.label)) problems.push(placed(`target "${target.label}" is given twice${simulated && entry.label === undefined ? ' (give one a label)' : ''}`));
      labels.add(target.label);
      resolved.push(target);
    } catch (error) {
      if (!(error instanceof TargetError)) throw error;
      problems.push(placed(error.message));
    }
  }
  if (problems.length > 0) throw new TargetError(problems.join('\n'));
  return resolved;
}

function simulatedRequest(entry: TargetSetting, simulator: Simulator | undefined): TargetRequest {
  // `label=simulated:spec` or `simulated:label=spec`; the label as written (without the prefix),
  // before a local server's URL is filled in.
  const outer = splitLabel(entry.target);
  let spec = (outer?.spec ?? entry.target.trim()).slice(simulatedPrefix.length);
  const named = splitLabel(spec);
  const label = entry.label ?? outer?.label ?? named?.label ?? spec;
  if (named) spec = named.spec;
  if (spec.startsWith('openai-compatible:') && !spec.includes('@')) spec = `${spec}@${simulator?.url ?? 'http://127.0.0.1'}/v1`;
  return { ...entry, target: spec, label, simulated: true };
}
