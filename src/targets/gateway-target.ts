import { createGateway } from '@ai-sdk/gateway';
import type { ProviderKindDefinition } from './provider-kind.ts';

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
    if (spec.providerOrder === undefined) return undefined;
    // One provider pins the route; several are an order of preference.
    const key = spec.providerOrder.length === 1 ? 'only' : 'order';
    return { gateway: { [key]: spec.providerOrder } };
  },
  endpoint: (_spec, environment) => environment.AI_GATEWAY_BASE_URL || 'https://ai-gateway.vercel.sh/v4/ai',
  priceModelId: (spec) => spec.modelId,
};
