import type { ProviderMetadata } from 'ai';

/** What the AI Gateway says about a call: the provider that served it, and what it cost. */
export function gatewayFacts(metadata: ProviderMetadata | undefined): { servedBy?: string; costUsd?: number } {
  const gateway = metadata?.gateway as Record<string, unknown> | undefined;
  if (!gateway) return {};
  const routing = gateway.routing as Record<string, unknown> | undefined;
  const servedBy = routing?.finalProvider ?? routing?.resolvedProvider;
  const cost = Number(gateway.cost);
  return {
    ...(typeof servedBy === 'string' ? { servedBy } : {}),
    ...(gateway.cost !== undefined && gateway.cost !== null && gateway.cost !== '' && Number.isFinite(cost) ? { costUsd: cost } : {}),
  };
}
