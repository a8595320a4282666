import { createOpenAI } from '@ai-sdk/openai';
import type { ProviderKindDefinition } from './provider-kind.ts';

/** OpenAI's own API, through `@ai-sdk/openai` (the Responses API, as the SDK defaults to). */
export const openaiTarget: ProviderKindDefinition = {
  requiredEnvironment: () => [['OPENAI_API_KEY']],
  secretEnvironment: ['OPENAI_API_KEY'],
  createModel: (spec, environment, fetch) =>
    createOpenAI({
      apiKey: environment.OPENAI_API_KEY,
      baseURL: environment.OPENAI_BASE_URL || undefined,
      fetch,
    })(spec.modelId),
  endpoint: (_spec, environment) => environment.OPENAI_BASE_URL || 'https://api.openai.com/v1',
  priceModelId: (spec) => `openai/${spec.modelId}`,
};
