import { createAzure } from '@ai-sdk/azure';
import type { ProviderKindDefinition } from './provider-kind.ts';

/** Azure OpenAI through `@ai-sdk/azure`; the spec's model is the deployment name. */
export const azureTarget: ProviderKindDefinition = {
  requiredEnvironment: () => [['AZURE_API_KEY'], ['AZURE_RESOURCE_NAME', 'AZURE_BASE_URL']],
  secretEnvironment: ['AZURE_API_KEY'],
  createModel: (spec, environment, fetch) =>
    createAzure({
      apiKey: environment.AZURE_API_KEY,
      ...(environment.AZURE_BASE_URL
        ? { baseURL: environment.AZURE_BASE_URL }
        : { resourceName: environment.AZURE_RESOURCE_NAME }),
      fetch,
    })(spec.modelId),
  endpoint: (_spec, environment) => environment.AZURE_BASE_URL || `https://${environment.AZURE_RESOURCE_NAME ?? '<AZURE_RESOURCE_NAME>'}.openai.azure.com/openai`,
  // Deployments are usually named after their model; a custom name simply has no price.
  priceModelId: (spec) => `openai/${spec.modelId}`,
};
