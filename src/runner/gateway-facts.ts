import type { ProviderMetadata } from 'ai';
import { isReportedCost, maxReportedCostUsd } from './checked-usage.ts';

/** What the AI Gateway's routing metadata says about one call. */
export type GatewayFacts = {
  /** The provider that served; `model@provider` when a fallback model (`models`) served instead of the one asked. */
  servedBy?: string;
  costUsd?: number;
  generationId?: string;
  /** Providers (`azure`) and fallback models' providers (`anthropic/claude-haiku-4.5@anthropic`) tried and failed first, in order. */
  fallbacks?: string[];
  credentialType?: 'byok' | 'system';
  warning?: string;
};

type Attempt = { provider?: unknown; success?: unknown; credentialType?: unknown };
type ModelAttempt = { modelId?: unknown; canonicalSlug?: unknown; success?: unknown; providerAttempts?: unknown };

/** Bounds on what a hostile gateway could put in a record. */
const maxIdCharacters = 200;
const maxFallbacks = 50;

/**
 * What the AI Gateway says about a call (`providerMetadata.gateway`): its generation id, the
 * provider that served it, the fallbacks taken on the way, whose credentials served, and what it
 * cost. The routing metadata lists every model tried (`modelAttempts`, with `models` fallbacks)
 * and, in each, every provider tried (`providerAttempts`); older responses list only `attempts`.
 */
export function gatewayFacts(metadata: ProviderMetadata | undefined): GatewayFacts {
  const gateway = metadata?.gateway as Record<string, unknown> | undefined;
  if (!gateway) return {};
  const routing = record(gateway.routing);
  const cost = Number(gateway.cost);
  const sent = gateway.cost !== undefined && gateway.cost !== null && gateway.cost !== '';
  // A negative cost would let spending pass --max-cost; a huge one would stop a run for nothing.
  const usable = sent && isReportedCost(cost);
  const generationId = typeof gateway.generationId === 'string' && gateway.generationId !== '' ? gateway.generationId.slice(0, maxIdCharacters) : undefined;
  const route = routing ? routeOf(routing) : {};
  return {
    ...route,
    ...(generationId !== undefined ? { generationId } : {}),
    ...(usable ? { costUsd: cost } : {}),
    ...(sent && !usable
      ? { warning: `the gateway reported a cost of ${String(gateway.cost).slice(0, 40)}, not a number of USD from 0 to ${maxReportedCostUsd}: not used` }
      : {}),
  };
}

function routeOf(routing: Record<string, unknown>): Pick<GatewayFacts, 'servedBy' | 'fallbacks' | 'credentialType'> {
  const asked = text(routing.originalModelId) ?? text(routing.canonicalSlug);
  const modelAttempts = Array.isArray(routing.modelAttempts) ? (routing.modelAttempts as unknown[]).map((item) => record(item) as ModelAttempt | undefined) : undefined;
  const tried: Array<{ model?: string; attempt: Attempt }> = modelAttempts
    ? modelAttempts.flatMap((modelAttempt) => {
        const model = text(modelAttempt?.canonicalSlug) ?? text(modelAttempt?.modelId);
        const attempts = Array.isArray(modelAttempt?.providerAttempts) ? (modelAttempt.providerAttempts as unknown[]) : [];
        return attempts.map((attempt) => ({ ...(model !== undefined ? { model } : {}), attempt: (record(attempt) ?? {}) as Attempt }));
      })
    : (Array.isArray(routing.attempts) ? (routing.attempts as unknown[]) : []).map((attempt) => ({ attempt: (record(attempt) ?? {}) as Attempt }));
  const name = (model: string | undefined, provider: string) => (model !== undefined && asked !== undefined && model !== asked ? `${model}@${provider}` : provider);
  const fallbacks = tried
    .filter(({ attempt }) => attempt.success === false && typeof attempt.provider === 'string')
    .map(({ model, attempt }) => name(model, attempt.provider as string).slice(0, maxIdCharacters))
    .slice(0, maxFallbacks);
  const served = tried.findLast(({ attempt }) => attempt.success === true);
  const provider = text(routing.finalProvider) ?? text(served?.attempt.provider) ?? text(routing.resolvedProvider);
  const credentialType = served?.attempt.credentialType;
  return {
    ...(provider !== undefined ? { servedBy: name(served?.model, provider) } : {}),
    ...(tried.length > 0 ? { fallbacks } : {}),
    ...(credentialType === 'byok' || credentialType === 'system' ? { credentialType } : {}),
  };
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
