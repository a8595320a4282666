import type { MockModelProfile } from '../../config/mock-profile-schema.ts';
import { now } from '../clock.ts';
import type { ResponseContext } from './protocol.ts';

/** USD for the tokens of one response at the profile's prices; undefined without prices. */
export function costUsd(profile: MockModelProfile, inputTokens: number, outputTokens: number): number | undefined {
  const price = profile.pricePerMillionTokens;
  if (!price) return undefined;
  return (inputTokens * price.input + outputTokens * price.output) / 1_000_000;
}

/** Decimal text without exponent, as the gateway writes money (`"0.0000465"`). */
export function formatUsd(value: number): string {
  return value.toFixed(12).replace(/\.?0+$/, '') || '0';
}

/** `providerMetadata.gateway` shaped like the real gateway's: routing decision, cost, generation id. */
export function gatewayProviderMetadata(context: ResponseContext) {
  const { routing, generation, profile } = context;
  if (!routing) return {};
  const internalModelId = `${routing.provider}:${routing.providerModelId}`;
  const cost = costUsd(profile, generation.inputTokens, generation.outputTokens);
  const attemptOf = (provider: string, success: boolean, statusCode: number, startTime: number, endTime: number) => ({
    provider,
    internalModelId: `${provider}:${routing.providerModelId}`,
    providerApiModelId: routing.providerModelId,
    credentialType: 'system',
    success,
    startTime,
    endTime,
    statusCode,
  });
  // Providers the gateway fell back from come first, as the real gateway lists its attempts.
  const attempts = [
    ...routing.failedAttempts.map((failed) => attemptOf(failed.provider, false, failed.statusCode, failed.startTime, failed.endTime)),
    attemptOf(routing.provider, true, 200, routing.failedAttempts.at(-1)?.endTime ?? routing.startTime, now()),
  ];
  return {
    routing: {
      originalModelId: routing.gatewayModel,
      resolvedProvider: routing.provider,
      resolvedProviderApiModelId: routing.providerModelId,
      internalResolvedModelId: internalModelId,
      fallbacksAvailable: routing.fallbacksAvailable,
      internalReasoning: `Selected ${routing.provider} (simulated) for ${routing.gatewayModel}.`,
      planningReasoning: `System credentials planned for: ${[...routing.failedAttempts.map((failed) => failed.provider), routing.provider, ...routing.fallbacksAvailable].join(', ')}.`,
      canonicalSlug: routing.gatewayModel,
      finalProvider: routing.provider,
      attempts,
      modelAttemptCount: 1,
      modelAttempts: [
        {
          modelId: internalModelId,
          canonicalSlug: routing.gatewayModel,
          success: true,
          providerAttemptCount: attempts.length,
          providerAttempts: attempts,
        },
      ],
      totalProviderAttemptCount: attempts.length,
    },
    ...(cost !== undefined ? { cost: formatUsd(cost), marketCost: formatUsd(cost) } : {}),
    generationId: context.id,
  };
}

export function v4Usage(context: ResponseContext) {
  const { inputTokens, outputTokens } = context.generation;
  return {
    inputTokens: { total: inputTokens, noCache: inputTokens, cacheRead: 0, cacheWrite: 0 },
    outputTokens: { total: outputTokens, text: outputTokens, reasoning: 0 },
  };
}
