import type { ProviderMetadata } from 'ai';
import { isReportedCost, maxReportedCostUsd } from './checked-usage.ts';

/** What the AI Gateway says about a call: the provider that served it, and what it cost. */
export function gatewayFacts(metadata: ProviderMetadata | undefined): { servedBy?: string; costUsd?: number; warning?: string } {
  const gateway = metadata?.gateway as Record<string, unknown> | undefined;
  if (!gateway) return {};
  const routing = gateway.routing as Record<string, unknown> | undefined;
  const servedBy = routing?.finalProvider ?? routing?.resolvedProvider;
  const cost = Number(gateway.cost);
  const sent = gateway.cost !== undefined && gateway.cost !== null && gateway.cost !== '';
  // A negative cost would let spending pass --max-cost; a huge one would stop a run for nothing.
  const usable = sent && isReportedCost(cost);
  return {
    ...(typeof servedBy === 'string' ? { servedBy } : {}),
    ...(usable ? { costUsd: cost } : {}),
    ...(sent && !usable
      ? { warning: `the gateway reported a cost of ${String(gateway.cost).slice(0, 40)}, not a number of USD from 0 to ${maxReportedCostUsd}: not used` }
      : {}),
  };
}
