import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import type { ProviderKindDefinition } from './provider-kind.ts';

/** Any server speaking OpenAI Chat Completions (vLLM, Ollama, llama.cpp, LM Studio…). */
export const openaiCompatibleTarget: ProviderKindDefinition = {
  // Local servers rarely need a key; OPENAI_COMPATIBLE_API_KEY is sent when set.
  requiredEnvironment: () => [],
  secretEnvironment: ['OPENAI_COMPATIBLE_API_KEY'],
  createModel: (spec, environment, fetch) =>
    createOpenAICompatible({
      name: 'openai-compatible',
      baseURL: spec.baseURL ?? '',
      apiKey: environment.OPENAI_COMPATIBLE_API_KEY || undefined,
      // Without it the server sends no usage while streaming.
      includeUsage: true,
      fetch,
    })(spec.modelId),
  endpoint: (spec) => spec.baseURL ?? '',
  priceModelId: (spec) => spec.modelId,
};
