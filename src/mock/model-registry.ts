import type { MockModelProfile, MockProfiles } from '../config/mock-profile-schema.ts';
import type { NormalizedRequest } from './normalized-request.ts';
import type { GatewayRouting } from './protocols/protocol.ts';

export type ModelRegistry = {
  profiles: MockModelProfile[];
  byId: Map<string, MockModelProfile>;
  /** Gateway model id -> the profiles (one per simulated provider) that serve it, in file order. */
  byGatewayModel: Map<string, MockModelProfile[]>;
};

export function gatewayModelOf(profile: MockModelProfile): string {
  return profile.gatewayModel ?? `${profile.provider}/${profile.id}`;
}

export function createModelRegistry(profiles: MockProfiles): ModelRegistry {
  const byGatewayModel = new Map<string, MockModelProfile[]>();
  for (const profile of profiles.models) {
    const key = gatewayModelOf(profile);
    byGatewayModel.set(key, [...(byGatewayModel.get(key) ?? []), profile]);
  }
  return {
    profiles: profiles.models,
    byId: new Map(profiles.models.map((profile) => [profile.id, profile])),
    byGatewayModel,
  };
}

/**
 * The simulated providers a gateway request may be routed to, in the order the gateway tries
 * them: `only` filters, `order` puts the listed providers first in that order (the rest keep file
 * order). Empty when the model is unknown or every provider was filtered out.
 */
export function rankGatewayProviders(registry: ModelRegistry, request: NormalizedRequest): MockModelProfile[] {
  const candidates = registry.byGatewayModel.get(request.model) ?? [];
  const only = request.providerRouting?.only;
  const order = request.providerRouting?.order ?? [];
  const allowed = only ? candidates.filter((profile) => only.includes(profile.provider)) : candidates;
  const rank = (profile: MockModelProfile) => {
    const position = order.indexOf(profile.provider);
    return position === -1 ? order.length : position;
  };
  return [...allowed].sort((left, right) => rank(left) - rank(right));
}

/** The routing decision once `ranked[index]` serves: the ones before it failed, the ones after remain. */
export function gatewayRouting(
  request: NormalizedRequest,
  ranked: readonly MockModelProfile[],
  index: number,
  startTime: number,
  failedAttempts: GatewayRouting['failedAttempts'],
): GatewayRouting {
  const slash = request.model.indexOf('/');
  return {
    gatewayModel: request.model,
    provider: ranked[index]!.provider,
    providerModelId: slash === -1 ? request.model : request.model.slice(slash + 1),
    fallbacksAvailable: ranked.slice(index + 1).map((other) => other.provider),
    startTime,
    failedAttempts,
  };
}

/** USD per token as a decimal string, the unit of the gateway's `/config` prices. */
function perToken(usdPerMillion: number): string {
  return (usdPerMillion / 1_000_000).toFixed(12).replace(/\.?0+$/, '') || '0';
}

/** `GET /v4/ai/config`: the model list `gateway.getAvailableModels()` reads. */
export function gatewayConfig(registry: ModelRegistry) {
  return {
    models: [...registry.byGatewayModel.entries()].map(([id, profiles]) => {
      const first = profiles[0]!;
      const price = first.pricePerMillionTokens;
      return {
        id,
        name: id.slice(id.indexOf('/') + 1),
        description: first.description ?? null,
        pricing: price
          ? {
              input: perToken(price.input),
              output: perToken(price.output),
              ...(price.cachedInput !== undefined ? { input_cache_read: perToken(price.cachedInput) } : {}),
            }
          : null,
        specification: { specificationVersion: 'v4', provider: first.provider, modelId: id },
        modelType: 'language',
      };
    }),
  };
}

/** `GET /v1/models`, as OpenAI lists models. */
export function openAiModelList(registry: ModelRegistry) {
  return {
    object: 'list',
    data: registry.profiles.map((profile) => ({ id: profile.id, object: 'model', created: 0, owned_by: profile.provider })),
  };
}
