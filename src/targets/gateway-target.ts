import { createGateway, type GatewayGenerationInfo } from '@ai-sdk/gateway';
import type { JSONValue } from 'ai';
import { didYouMean } from '../config/did-you-mean.ts';
import { gatewayRoutingOptionNames, gatewayRoutingSchema, type GatewayRouting } from '../config/gateway-routing-schema.ts';
import type { Environment, ProviderKindDefinition } from './provider-kind.ts';
import type { TargetSpec } from './target-spec.ts';

/** The Vercel AI Gateway; `@provider[,provider]` pins or orders the providers it may route to. */
export const gatewayTarget: ProviderKindDefinition = {
  requiredEnvironment: () => [['AI_GATEWAY_API_KEY', 'VERCEL_OIDC_TOKEN']],
  secretEnvironment: ['AI_GATEWAY_API_KEY', 'VERCEL_OIDC_TOKEN'],
  createModel: (spec, environment, fetch) =>
    createGateway({
      apiKey: environment.AI_GATEWAY_API_KEY || undefined,
      baseURL: environment.AI_GATEWAY_BASE_URL || undefined,
      fetch,
    })(spec.modelId),
  providerOptions: (spec) => {
    const routing = specRouting(spec);
    return routing ? { gateway: routing } : undefined;
  },
  endpoint: (_spec, environment) => environment.AI_GATEWAY_BASE_URL || 'https://ai-gateway.vercel.sh/v4/ai',
  priceModelId: (spec) => spec.modelId,
};

/** The AI Gateway's own record of one generation (getGenerationInfo), asked with the run's key and base URL. */
export type GenerationInfoLookup = (id: string, fetch?: typeof globalThis.fetch) => Promise<GatewayGenerationInfo>;

export function gatewayGenerationInfo(environment: Environment): GenerationInfoLookup {
  return (id, fetch) =>
    createGateway({
      apiKey: environment.AI_GATEWAY_API_KEY || undefined,
      baseURL: environment.AI_GATEWAY_BASE_URL || undefined,
      ...(fetch ? { fetch } : {}),
    }).getGenerationInfo({ id });
}

/** `@azure` pins the route (`only`); `@azure,openai` is an order of preference. */
function specRouting(spec: TargetSpec): { only: string[] } | { order: string[] } | undefined {
  if (spec.providerOrder === undefined) return undefined;
  return spec.providerOrder.length === 1 ? { only: spec.providerOrder } : { order: spec.providerOrder };
}

/**
 * One target's `providerOptions.gateway`: the spec's `@provider,…`, the eval file's `gateway:` and
 * any `providerOptions.gateway` it gives, checked against the installed package's options and
 * merged. The same option from two places is a problem unless both say the same: a run must not
 * route by a rule the user did not mean.
 */
export function gatewayRoutingOf(
  spec: TargetSpec,
  sources: { gateway?: GatewayRouting | undefined; providerOptions?: Record<string, JSONValue> | undefined },
): { routing?: Record<string, JSONValue>; problems: string[] } {
  const problems: string[] = [];
  if (spec.kind !== 'gateway') {
    const given = sources.gateway !== undefined ? 'gateway:' : undefined;
    return { problems: given ? [`target "${spec.label}": ${given} routing options are for AI Gateway targets (creator/model, e.g. openai/gpt-4o-mini), not ${spec.kind}: targets`] : [] };
  }
  const fromSpec = specRouting(spec);
  const parts: Array<{ name: string; options: Record<string, unknown> }> = [];
  if (fromSpec) parts.push({ name: `its spec's @${spec.providerOrder!.join(',')}`, options: fromSpec });
  if (sources.gateway) parts.push({ name: 'gateway:', options: sources.gateway });
  if (sources.providerOptions) {
    const checked = gatewayRoutingSchema.safeParse(sources.providerOptions);
    if (!checked.success) problems.push(...checked.error.issues.map((issue) => `target "${spec.label}": providerOptions.gateway: ${issueMessage(issue)}`));
    parts.push({ name: 'providerOptions.gateway', options: sources.providerOptions });
  }
  const merged: Record<string, JSONValue> = {};
  const from: Record<string, string> = {};
  for (const part of parts) {
    for (const [key, value] of Object.entries(part.options)) {
      if (value === undefined) continue;
      if (key in merged && JSON.stringify(merged[key]) !== JSON.stringify(value)) {
        problems.push(`target "${spec.label}": ${key} is given twice, differently (${from[key]} and ${part.name}); give it in one place`);
        continue;
      }
      merged[key] = value as JSONValue;
      from[key] = part.name;
    }
  }
  // `order` ranks the providers `only` allows: one that only excludes would never be tried, wherever each was given.
  const only = merged.only as string[] | undefined;
  const order = merged.order as string[] | undefined;
  if (only && order && !order.every((provider) => only.includes(provider))) {
    const where = from.only === from.order ? `both in ${from.only}` : `${from.order} and ${from.only}`;
    problems.push(`target "${spec.label}": order [${order.join(', ')}] names providers that only [${only.join(', ')}] excludes (${where})`);
  }
  for (const key of ['only', 'order'] as const) {
    const list = merged[key] as string[] | undefined;
    const twice = list?.filter((provider, index) => list.indexOf(provider) !== index);
    if (twice && twice.length > 0) problems.push(`target "${spec.label}": ${key} names ${[...new Set(twice)].join(', ')} more than once (${from[key]})`);
  }
  return { ...(Object.keys(merged).length > 0 ? { routing: merged } : {}), problems };
}

function issueMessage(issue: { code: string; path: PropertyKey[]; message: string; keys?: string[] }): string {
  if (issue.code === 'unrecognized_keys' && issue.keys) {
    return issue.keys
      .map((key) => {
        const guess = didYouMean(key, gatewayRoutingOptionNames);
        return `unknown option "${key}"${guess ? `; did you mean ${guess}?` : ` (known: ${gatewayRoutingOptionNames.join(', ')})`}`;
      })
      .join('; ');
  }
  return `${issue.path.map(String).join('.') || '(options)'}: ${issue.message}`;
}
