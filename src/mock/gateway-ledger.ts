import type { GatewayCharge } from './protocols/gateway-metadata.ts';
import type { MockRequestRecord } from './request-record.ts';

/** The simulated gateway's own record of one generation it served, for `GET /v1/generation?id=`. */
export type GatewayLedgerEntry = {
  id: string;
  /** The gateway model served (a `models` fallback's, when one served). */
  model: string;
  providerName: string;
  streamed: boolean;
  finishReason: string;
  charge: GatewayCharge;
  promptTokens: number;
  completionTokens: number;
  cachedTokens: number;
};

/** Generations by id, as the gateway keeps them; one per simulator. */
export type GatewayLedger = { add(entry: GatewayLedgerEntry): void; get(id: string): GatewayLedgerEntry | undefined };

export function createGatewayLedger(): GatewayLedger {
  const entries = new Map<string, GatewayLedgerEntry>();
  return { add: (entry) => void entries.set(entry.id, entry), get: (id) => entries.get(id) };
}

/**
 * `GET /v1/generation?id=` as the installed `@ai-sdk/gateway` reads it (getGenerationInfo):
 * snake_case fields under `data`. Its `latency` (time to first token) and `generation_time` are
 * the simulator's own, from the request's arrival to its first and last content write.
 */
export function generationInfoBody(entry: GatewayLedgerEntry, record: MockRequestRecord | undefined) {
  const arrivedAt = record?.arrivedAt;
  const first = record?.chunkTimes[0];
  const last = record?.chunkTimes.at(-1);
  const since = (time: number | undefined) => (arrivedAt !== undefined && time !== undefined ? Math.round((time - arrivedAt) * 10) / 10 : 0);
  const { charge } = entry;
  const total = charge.totalCost ?? 0;
  return {
    data: {
      id: entry.id,
      total_cost: total,
      ...(charge.marketCost !== undefined ? { market_cost: charge.marketCost } : {}),
      ...(charge.surchargeCost !== undefined ? { surcharge_cost: charge.surchargeCost, gateway_cost: total } : {}),
      upstream_inference_cost: charge.byok ? (charge.marketCost ?? 0) : 0,
      usage: total,
      created_at: new Date(arrivedAt ?? Date.now()).toISOString(),
      model: entry.model,
      is_byok: charge.byok,
      provider_name: entry.providerName,
      streamed: entry.streamed,
      finish_reason: entry.finishReason,
      latency: since(first),
      generation_time: since(last),
      native_tokens_prompt: entry.promptTokens,
      native_tokens_completion: entry.completionTokens,
      native_tokens_reasoning: 0,
      native_tokens_cached: entry.cachedTokens,
      native_tokens_cache_creation: 0,
      billable_web_search_calls: 0,
    },
  };
}
