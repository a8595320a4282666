import { z } from 'zod';
import { boundedNumber } from './bounded-number.ts';
import { limits } from './limits.ts';

/** Every way the simulator can misbehave; also the values of the `x-mock-fault` header. */
export const mockFaultKinds = [
  'rate_limit',
  'rate_limit_ms',
  'rate_limit_reset',
  'auth',
  'server_error',
  'unavailable',
  'overloaded',
  'hang',
  'stall',
  'drop',
  'malformed',
  'error_event',
  'slow_first_byte',
  'html_error',
] as const;

export const mockFaultKindSchema = z.enum(mockFaultKinds);
export type MockFaultKind = z.infer<typeof mockFaultKindSchema>;

const milliseconds = boundedNumber(limits.durationMs);
const probability = boundedNumber(limits.fraction);
const usdPerMillion = boundedNumber(limits.usdPerMillionTokens);

/** A tool call an answer can make instead of (or after) text. */
export const mockToolCallSchema = z.strictObject({
  name: z.string().min(1),
  /** An object (sent as JSON) or a string already holding JSON. */
  arguments: z.union([z.record(z.string(), z.unknown()), z.string()]).default({}),
});
export type MockToolCall = z.infer<typeof mockToolCallSchema>;

const answerPolicySchema = z.discriminatedUnion('policy', [
  z.strictObject({ policy: z.literal('echo') }),
  z.strictObject({
    policy: z.literal('fixed'),
    text: z.string().default(''),
    toolCall: mockToolCallSchema.optional(),
  }),
  z.strictObject({
    policy: z.literal('book'),
    /** JSONL answer book; a relative path is resolved against the profile file's folder. */
    path: z.string().min(1),
    /** What to answer when no book line matches. */
    fallback: z.enum(['echo', 'fixed']).default('echo'),
    fallbackText: z.string().default(''),
  }),
  z.strictObject({
    policy: z.literal('oracle'),
    /** Probability of answering a known case with its `expected` text. */
    accuracy: probability,
  }),
]);
export type MockAnswerPolicy = z.infer<typeof answerPolicySchema>;

/**
 * The simulated provider's prompt cache, as OpenAI's automatic one works: a prompt's prefix, in
 * whole blocks of `blockTokens`, is kept for `ttlMs` after its last use (at most `maxBlocks` blocks
 * per model, the least recently used going first); a later prompt that starts with cached blocks
 * reports them as cached input tokens, and their prefill takes `cachedPrefillShare` of its cold time.
 * `false` turns it off.
 */
export const mockPromptCacheSchema = z.union([
  z.literal(false),
  z.strictObject({
    blockTokens: boundedNumber(limits.contextWindow).default(1024),
    ttlMs: milliseconds.default(300_000),
    maxBlocks: boundedNumber(limits.contextWindow).default(10_000),
    cachedPrefillShare: probability.default(0.2),
  }),
]);
export type MockPromptCache = z.infer<typeof mockPromptCacheSchema>;

export const mockModelProfileSchema = z.strictObject({
  /** The `model` a client sends (Chat Completions, Responses, Anthropic Messages). */
  id: z.string().min(1),
  description: z.string().optional(),
  /** Slug of the simulated provider that serves it, as the gateway reports it (`openai`, `azure`). */
  provider: z.string().min(1).default('mock'),
  /** Gateway model id (`openai/gpt-4o-mini`); several profiles may share one, one per provider. */
  gatewayModel: z.string().min(1).optional(),
  /** Time to first token, log-normal through these quantiles; p50 == p90 means constant. */
  ttftMs: z
    .strictObject({ p50: milliseconds, p90: milliseconds })
    .refine((ttft) => ttft.p90 >= ttft.p50, { message: 'p90 must be >= p50' }),
  tokensPerSecond: boundedNumber(limits.tokensPerSecond),
  tokensPerChunk: boundedNumber(limits.tokensPerChunk).default(1),
  contextWindow: boundedNumber(limits.contextWindow).default(128_000),
  maxOutputTokens: boundedNumber(limits.outputTokens).default(16_384),
  pricePerMillionTokens: z
    .strictObject({ input: usdPerMillion, output: usdPerMillion, cachedInput: usdPerMillion.optional() })
    .optional(),
  /**
   * Probability per request of each fault kind. One draw picks at most one fault, so the rates
   * must add up to at most 1; more would silently cut the kinds listed last.
   */
  faultRates: z
    .partialRecord(mockFaultKindSchema, probability)
    .default({})
    .superRefine(
      (rates, context) => {
        const total = Object.values(rates).reduce((sum, rate) => sum + (rate ?? 0), 0);
        if (total > 1 + 1e-9) {
          context.addIssue({
            code: 'custom',
            message: `fault rates add up to ${Number(total.toFixed(6))}; they must add up to at most 1 (a request has at most one fault)`,
          });
        }
      },
      // A rate that is itself out of range is reported already; its sum would only repeat it.
      { when: (payload) => payload.issues.length === 0 },
    ),
  answer: answerPolicySchema.default({ policy: 'echo' }),
  /** When set, echo and fixed answers are padded with filler words (or cut) to this many tokens. */
  outputTokens: boundedNumber(limits.outputTokens).optional(),
  /**
   * The server's capacity: at most `concurrency` requests of this model generate at once; the
   * others wait in arrival order, and their time to first token includes the wait. Unset: no limit.
   */
  capacity: z.strictObject({ concurrency: boundedNumber(limits.concurrency) }).optional(),
  /** On by default (see mockPromptCacheSchema); `promptCache: false` turns it off. */
  promptCache: mockPromptCacheSchema.prefault({}),
});
export type MockModelProfile = z.infer<typeof mockModelProfileSchema>;
export type MockModelProfileInput = z.input<typeof mockModelProfileSchema>;

export const mockProfilesSchema = z.strictObject({
  description: z.string().optional(),
  models: z
    .array(mockModelProfileSchema)
    .min(1)
    // Runs even when some profiles are invalid, so a duplicate id is reported with the other problems.
    .superRefine(reportDuplicateIds, { when: (payload) => Array.isArray(payload.value) }),
});
export type MockProfiles = z.infer<typeof mockProfilesSchema>;
export type MockProfilesInput = z.input<typeof mockProfilesSchema>;

/** The models may be partly invalid here (see `when` above), so each id is checked before use. */
function reportDuplicateIds(models: unknown[], context: z.RefinementCtx): void {
  const seen = new Set<string>();
  models.forEach((model, index) => {
    const id = typeof model === 'object' && model !== null ? (model as { id?: unknown }).id : undefined;
    if (typeof id !== 'string') return;
    if (seen.has(id)) context.addIssue({ code: 'custom', path: [index, 'id'], message: `duplicate model id \`${id}\`` });
    seen.add(id);
  });
}
