import type { MockModelProfile } from '../../config/mock-profile-schema.ts';
import { now } from '../clock.ts';
import type { GatewayRouteRequest } from '../gateway-route.ts';
import type { ResponseContext } from './protocol.ts';

/**
 * The simulated gateway's charge over list price on system credentials (5%), so that the
 * gateway's cost and the price table's differ by a known amount; BYOK calls carry none.
 */
export const simulatedSurchargeRate = 0.05;

/** USD for the tokens of one response at the profile's prices (cached input at its own rate); undefined without prices. */
export function costUsd(profile: MockModelProfile, inputTokens: number, outputTokens: number, cachedInputTokens = 0): number | undefined {
  const price = profile.pricePerMillionTokens;
  if (!price) return undefined;
  const cached = Math.min(cachedInputTokens, inputTokens);
  return ((inputTokens - cached) * price.input + cached * (price.cachedInput ?? price.input) + outputTokens * price.output) / 1_000_000;
}

/** Decimal text without exponent, as the gateway writes money (`"0.0000465"`). */
export function formatUsd(value: number): string {
  return value.toFixed(12).replace(/\.?0+$/, '') || '0';
}

/** What one simulated generation cost, as the gateway would bill it; undefined figures when the profile has no prices. */
export type GatewayCharge = { byok: boolean; marketCost?: number; surchargeCost?: number; totalCost?: number };

export function gatewayCharge(context: ResponseContext): GatewayCharge {
  const { generation, profile, routing } = context;
  const byok = routing !== undefined && routeOf(context)?.byokProviders.includes(routing.provider) === true;
  const marketCost = costUsd(profile, generation.inputTokens, generation.outputTokens, generation.cachedInputTokens);
  if (marketCost === undefined) return { byok };
  const surchargeCost = byok ? 0 : marketCost * simulatedSurchargeRate;
  return { byok, marketCost, surchargeCost, totalCost: marketCost + surchargeCost };
}

/** The gateway's reading of the request's routing options (see gateway-route.ts), when the gateway protocol parsed it. */
export function routeOf(context: ResponseContext): GatewayRouteRequest | undefined {
  const route = context.request.providerRouting as Partial<GatewayRouteRequest> | undefined;
  return route?.requestedModel !== undefined ? (route as GatewayRouteRequest) : undefined;
}

/** `providerMetadata.gateway` shaped like the real gateway's: routing decision, cost, generation id. */
export function gatewayProviderMetadata(context: ResponseContext) {
  const { routing } = context;
  if (!routing) return {};
  const route = routeOf(context);
  const internalModelId = `${routing.provider}:${routing.providerModelId}`;
  const charge = gatewayCharge(context);
  const credentialTypeOf = (provider: string) => (route?.byokProviders.includes(provider) ? 'byok' : 'system');
  const attemptOf = (provider: string, success: boolean, statusCode: number, startTime: number, endTime: number) => ({
    provider,
    internalModelId: `${provider}:${routing.providerModelId}`,
    providerApiModelId: routing.providerModelId,
    credentialType: credentialTypeOf(provider),
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
  // Models passed over for a `models` fallback: tried, with no provider to try.
  const skipped = (route?.skippedModels ?? []).map((model) => ({
    modelId: model,
    canonicalSlug: model,
    success: false,
    providerAttemptCount: 0,
    providerAttempts: [],
  }));
  const credentials = [...new Set(attempts.map((attempt) => attempt.credentialType))].join(' and ');
  return {
    routing: {
      originalModelId: route?.requestedModel ?? routing.gatewayModel,
      resolvedProvider: routing.provider,
      resolvedProviderApiModelId: routing.providerModelId,
      internalResolvedModelId: internalModelId,
      fallbacksAvailable: routing.fallbacksAvailable,
      internalReasoning: `Selected ${routing.provider} (simulated) for ${routing.gatewayModel}.`,
      planningReasoning: `${credentials === 'byok' ? 'BYOK' : credentials === 'system' ? 'System' : 'BYOK and system'} credentials planned for: ${[...routing.failedAttempts.map((failed) => failed.provider), routing.provider, ...routing.fallbacksAvailable].join(', ')}.`,
      canonicalSlug: routing.gatewayModel,
      finalProvider: routing.provider,
      attempts,
      modelAttemptCount: skipped.length + 1,
      modelAttempts: [
        ...skipped,
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
    ...(charge.totalCost !== undefined ? { cost: formatUsd(charge.totalCost), marketCost: formatUsd(charge.marketCost!) } : {}),
    generationId: context.id,
  };
}

export function v4Usage(context: ResponseContext) {
  const { inputTokens, outputTokens, cachedInputTokens } = context.generation;
  const cached = Math.min(cachedInputTokens, inputTokens);
  return {
    inputTokens: { total: inputTokens, noCache: inputTokens - cached, cacheRead: cached, cacheWrite: 0 },
    outputTokens: { total: outputTokens, text: outputTokens, reasoning: 0 },
  };
}
