import { z } from 'zod';
import { strictObject } from './strict-object.ts';

const providerSlug = z.string().trim().min(1, 'expected a provider slug such as openai or azure');
const providerList = z.array(providerSlug).min(1, 'expected at least one provider');
const capability = /^(implicit-caching|reasoning|structured-output|tool-use|vision|!?quantization:[a-zA-Z0-9._-]{1,32})$/;
const country = /^!?[A-Z]{2}$/;

/**
 * The AI Gateway's routing options (`providerOptions.gateway`) as a target in the eval file gives
 * them under `gateway:`: every option the installed `@ai-sdk/gateway`'s GatewayProviderOptions
 * declares (gateway-routing-schema.test.ts reads its types and fails on one missing here), each
 * with its type; an unknown one is refused (the package would pass it on unchecked, and the
 * gateway ignore or reject it mid-run).
 */
export const gatewayRoutingSchema = strictObject({
  order: providerList.optional().describe('Providers to try, in this order (e.g. [azure, openai])'),
  only: providerList.optional().describe('The only providers the gateway may route to'),
  sort: z.enum(['cost', 'tps', 'ttft']).optional().describe('Sort the providers by cost, throughput (tps) or time to first token before routing'),
  models: z
    .array(z.string().trim().regex(/^[^/\s]+\/\S+$/, 'expected a gateway model id such as anthropic/claude-haiku-4.5'))
    .min(1, 'expected at least one fallback model')
    .optional()
    .describe('Fallback models to try in order when the target model fails (e.g. [anthropic/claude-haiku-4.5])'),
  zeroDataRetention: z.boolean().optional().describe('Only providers with zero data retention agreements'),
  disallowPromptTraining: z.boolean().optional().describe('Only providers that do not train on prompt data'),
  byok: z
    .record(providerSlug, z.array(z.record(z.string(), z.unknown())).min(1, 'expected a list of credential objects'))
    .optional()
    .describe('Request-scoped credentials (bring your own key), by provider: { anthropic: [{ apiKey: … }] }; redacted from every output'),
  caching: z.literal('auto').optional().describe("'auto': the gateway's automatic prompt caching where supported"),
  serviceTier: z.enum(['flex', 'priority']).optional().describe('Service tier intent'),
  has: z
    .array(z.string().regex(capability, 'expected implicit-caching, reasoning, structured-output, tool-use, vision, quantization:FORMAT or !quantization:FORMAT'))
    .min(1)
    .optional()
    .describe('Only provider models with every one of these capabilities'),
  headquarters: z
    .array(z.string().regex(country, 'expected an ISO 3166-1 alpha-2 code such as US or DE, or !US to exclude'))
    .min(1)
    .refine((codes) => codes.every((code) => code.startsWith('!')) || codes.every((code) => !code.startsWith('!')), 'a list cannot mix countries and !excluded countries')
    .optional()
    .describe("Only providers headquartered in these countries (['US', 'DE']), or not in them (['!US'])"),
  providerTimeouts: strictObject({ byok: z.record(providerSlug, z.number().int().positive()).optional() })
    .optional()
    .describe('Per-provider timeouts in ms for BYOK credentials: { byok: { anthropic: 5000 } }'),
  quotaEntityId: z.string().min(1).optional().describe('The entity quota is tracked against'),
  tags: z.array(z.string().min(1)).optional().describe('Tags for the gateway\'s usage reports'),
  user: z.string().min(1).optional().describe('End-user id for spend tracking'),
  idempotencyKey: z.string().min(1).optional().describe('Batch requests only (the gateway ignores it on a plain call)'),
  experimental_streamingImageDecoding: z.boolean().optional().describe('Image models only (removed from other requests)'),
});
export type GatewayRouting = z.infer<typeof gatewayRoutingSchema>;

/** The option names, for a message that lists them. */
export const gatewayRoutingOptionNames = Object.keys(gatewayRoutingSchema.shape);
