import { createAnthropic } from '@ai-sdk/anthropic';
import type { ProviderKindDefinition } from './provider-kind.ts';

export const anthropicTarget: ProviderKindDefinition = {
  requiredEnvironment: () => [['ANTHROPIC_API_KEY']],
  secretEnvironment: ['ANTHROPIC_API_KEY'],
  createModel: (spec, environment, fetch) =>
    createAnthropic({
      apiKey: environment.ANTHROPIC_API_KEY,
      baseURL: environment.ANTHROPIC_BASE_URL || undefined,
      fetch,
    })(spec.modelId),
  endpoint: (_spec, environment) => environment.ANTHROPIC_BASE_URL || 'https://api.anthropic.com/v1',
  priceModelId: (spec) => `anthropic/${spec.modelId}`,
};
