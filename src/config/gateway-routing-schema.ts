import { z } from 'zod';

/**
 * The AI Gateway's routing options (`providerOptions.gateway`), as a target in the eval file gives
 * them. PLACEHOLDER for the gateway work of issue 15: to be made strict (every option the installed
 * `@ai-sdk/gateway` types declare, unknown ones refused).
 */
export const gatewayRoutingSchema = z.record(z.string(), z.unknown());
export type GatewayRouting = Record<string, unknown>;
