import type { MockModelProfile } from '../config/mock-profile-schema.ts';
import type { ModelRegistry } from './model-registry.ts';
import { isRecord } from './protocols/protocol.ts';

/**
 * What the simulated AI Gateway made of a request's `providerOptions.gateway`, kept with the
 * request (the ground truth's `gateway` field, credentials left out) and read back when it writes
 * the routing metadata and the generation info.
 */
export type GatewayRouteRequest = {
  /** The providers of the model served, in the order they will be tried (`only` and `order` for the shared router). */
  only?: string[];
  order?: string[];
  /** The model the client asked for; differs from the one served when a `models` fallback served. */
  requestedModel: string;
  /** Models of `models` (and the one asked) passed over because none of their providers was allowed or known. */
  skippedModels: string[];
  /** Providers the request brought its own credentials for (`byok`): their attempts are `byok`, without the surcharge. */
  byokProviders: string[];
  /** The options as sent, `byok` reduced to its provider names: what the harness asked for. */
  options: Record<string, unknown>;
};

/**
 * The simulated gateway's routing, in a simple documented way (README, "The simulator's gateway"):
 * - `only` keeps the providers named; `order` puts those named first, in that order;
 * - `sort` orders the providers by the profile's price (`cost`: input + output per million),
 *   its p50 TTFT (`ttft`) or its tokens per second (`tps`, fastest first), before `order`;
 * - `models`: when no provider of the model asked is known or allowed, the first fallback model
 *   that has one is served instead (the real gateway also falls back when every provider of the
 *   model fails; the simulator falls back across providers only);
 * - `byok`: attempts at a provider named there use the request's credentials (`credentialType: byok`).
 * Other options (zeroDataRetention, caching, serviceTier, has, tags, user…) are recorded, not simulated.
 */
export function resolveGatewayRoute(registry: ModelRegistry, model: string, gatewayOptions: unknown): { model: string; route: GatewayRouteRequest } {
  const options = isRecord(gatewayOptions) ? gatewayOptions : {};
  const only = stringList(options.only);
  const order = stringList(options.order) ?? [];
  const sort = options.sort;
  const byokProviders = isRecord(options.byok) ? Object.keys(options.byok) : [];
  const models = [model, ...(stringList(options.models) ?? [])];
  const skippedModels: string[] = [];
  let served = model;
  let ranked: MockModelProfile[] = [];
  for (const candidate of models) {
    const profiles = (registry.byGatewayModel.get(candidate) ?? []).filter((profile) => !only || only.includes(profile.provider));
    if (profiles.length > 0) {
      served = candidate;
      ranked = rank(profiles, sort, order);
      break;
    }
    skippedModels.push(candidate);
  }
  // No model had a provider: the model asked stays, and the router answers that it is not found.
  if (ranked.length === 0) skippedModels.length = 0;
  const providers = ranked.map((profile) => profile.provider);
  const { byok, ...rest } = options;
  const route: GatewayRouteRequest = {
    ...(ranked.length > 0 ? { only: providers, order: providers } : only ? { only } : {}),
    requestedModel: model,
    skippedModels,
    byokProviders,
    options: { ...rest, ...(byok !== undefined ? { byok: byokProviders } : {}) },
  };
  return { model: served, route };
}

const sortKeys: Record<string, (profile: MockModelProfile) => number> = {
  cost: (profile) => (profile.pricePerMillionTokens ? profile.pricePerMillionTokens.input + profile.pricePerMillionTokens.output : Infinity),
  ttft: (profile) => profile.ttftMs.p50,
  tps: (profile) => -profile.tokensPerSecond,
};

function rank(profiles: MockModelProfile[], sort: unknown, order: string[]): MockModelProfile[] {
  const key = typeof sort === 'string' && Object.hasOwn(sortKeys, sort) ? sortKeys[sort] : undefined;
  const sorted = key ? [...profiles].sort((left, right) => key(left) - key(right)) : [...profiles];
  const position = (profile: MockModelProfile) => {
    const index = order.indexOf(profile.provider);
    return index === -1 ? order.length : index;
  };
  return sorted.sort((left, right) => position(left) - position(right));
}

function stringList(value: unknown): string[] | undefined {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : undefined;
}
