import { anthropicTarget } from './anthropic-target.ts';
import { azureTarget } from './azure-target.ts';
import { gatewayTarget } from './gateway-target.ts';
import { openaiCompatibleTarget } from './openai-compatible-target.ts';
import { openaiTarget } from './openai-target.ts';
import type { ProviderKindDefinition } from './provider-kind.ts';
import type { ProviderKind } from './target-spec.ts';

export const providerKinds = {
  gateway: gatewayTarget,
  openai: openaiTarget,
  azure: azureTarget,
  anthropic: anthropicTarget,
  'openai-compatible': openaiCompatibleTarget,
} satisfies Record<ProviderKind, ProviderKindDefinition>;
