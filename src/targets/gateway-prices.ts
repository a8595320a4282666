import type { GatewayLanguageModelEntry } from '@ai-sdk/gateway';
import { priceRowSchema, type PriceRow } from '../config/price-table-schema.ts';
import { perMillionTokens } from './per-million-tokens.ts';

/** The AI Gateway's base URL when AI_GATEWAY_BASE_URL does not name another (the package's own default). */
export const defaultGatewayBaseUrl = 'https://ai-gateway.vercel.sh/v4/ai';

/** A model of the list left out of the price file, and why (never written as a price of 0). */
export type SkippedModel = { model: string; reason: string };

export type GatewayPrices = {
  rows: PriceRow[];
  skipped: SkippedModel[];
  /** Image, embedding, speech… models: priced per image or per second, not per token of text. */
  otherKinds: number;
};

/**
 * The gateway's model list as price rows (USD per million tokens), each dated `asOf` with
 * `source`. A language model without pricing, or with a price the table cannot hold, is skipped
 * with its reason. Pure: the fetching is the caller's.
 */
export function pricesFromGatewayModels(models: readonly GatewayLanguageModelEntry[], { source, asOf }: { source: string; asOf: string }): GatewayPrices {
  const rows: PriceRow[] = [];
  const skipped: SkippedModel[] = [];
  const seen = new Set<string>();
  let otherKinds = 0;
  for (const entry of models) {
    if (entry.modelType != null && entry.modelType !== 'language') {
      otherKinds += 1;
      continue;
    }
    const model = entry.id;
    if (seen.has(model)) {
      skipped.push({ model, reason: 'listed twice; the first entry is kept' });
      continue;
    }
    seen.add(model);
    if (!entry.pricing) {
      skipped.push({ model, reason: 'no pricing in the list' });
      continue;
    }
    const input = perMillionTokens(entry.pricing.input);
    const output = perMillionTokens(entry.pricing.output);
    const cachedText = entry.pricing.cachedInputTokens;
    const cachedInput = cachedText === undefined ? undefined : perMillionTokens(cachedText);
    const unreadable = [
      ...(input === undefined ? [`input ${JSON.stringify(entry.pricing.input)}`] : []),
      ...(output === undefined ? [`output ${JSON.stringify(entry.pricing.output)}`] : []),
      ...(cachedText !== undefined && cachedInput === undefined ? [`cached input ${JSON.stringify(cachedText)}`] : []),
    ];
    if (unreadable.length > 0) {
      skipped.push({ model, reason: `not a price in USD per token: ${unreadable.join(', ')}` });
      continue;
    }
    const row = { model, input, output, ...(cachedInput !== undefined ? { cached_input: cachedInput } : {}), source, as_of: asOf };
    // The row a run would load: a model id or a price the table refuses is refused here, not there.
    const checked = priceRowSchema.safeParse(row);
    if (!checked.success) {
      const issue = checked.error.issues[0]!;
      skipped.push({ model, reason: `${issue.path.join('.') || 'row'}: ${issue.message}` });
      continue;
    }
    rows.push(checked.data);
  }
  return { rows, skipped, otherKinds };
}

/** `GET {baseURL}/config` through the installed @ai-sdk/gateway, as a run's gateway target would call it. */
export async function fetchGatewayModels(options: { apiKey?: string | undefined; baseURL: string; fetch?: typeof globalThis.fetch }): Promise<GatewayLanguageModelEntry[]> {
  const { createGateway } = await import('@ai-sdk/gateway');
  const gateway = createGateway({ apiKey: options.apiKey, baseURL: options.baseURL, ...(options.fetch ? { fetch: options.fetch } : {}) });
  return (await gateway.getAvailableModels()).models;
}
