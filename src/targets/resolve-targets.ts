import type { LanguageModel } from 'ai';
import type { PriceRow } from '../config/price-table-schema.ts';
import { TargetError } from '../config/errors.ts';
import type { GatewayRouting } from '../config/gateway-routing-schema.ts';
import { gatewayGenerationInfo, gatewayRoutingOf, type GenerationInfoLookup } from './gateway-target.ts';
import type { Environment, ProviderOptions } from './provider-kind.ts';
import { providerKinds } from './provider-kinds.ts';
import type { PriceTable } from './price-table.ts';
import { optionSecrets } from './option-secrets.ts';
import { findUrlCredential, maskUrlCredentials } from './url-credential.ts';
import { parseTargetSpec, type TargetSpec } from './target-spec.ts';

/** A target ready to be called: one model behind one route, with its price and its secrets. */
export type Target = {
  label: string;
  spec: TargetSpec;
  price?: PriceRow;
  /** The base URL the requests go to. */
  endpoint: string;
  /** Served by the built-in simulator: its figures are not a real provider's. */
  simulated: boolean;
  /** Values to redact from every output. */
  secrets: string[];
  providerOptions?: ProviderOptions;
  /** This target's own settings, over the run's. */
  maxOutputTokens?: number;
  temperature?: number;
  createModel(fetch: typeof globalThis.fetch): LanguageModel;
  /** AI Gateway targets: the gateway's own record of a generation (--reconcile), with the run's key; the key stays in here. */
  generationInfo?: GenerationInfoLookup;
};

/** A target as an eval gives it: a spec, or a spec with its own label, settings and provider options. */
export type TargetRequest =
  | string
  | {
      target: string;
      label?: string;
      temperature?: number;
      maxTokens?: number;
      providerOptions?: ProviderOptions;
      /** AI Gateway targets: routing options, merged into providerOptions.gateway. */
      gateway?: GatewayRouting;
      simulated?: boolean;
    };

export type ResolveOptions = {
  environment: Environment;
  prices: PriceTable;
  /** Labels of targets served by the simulator. */
  simulated?: ReadonlySet<string>;
};

/**
 * Parses every spec and checks every key before anything is sent, reporting all problems at
 * once: a run that would fail on its last target after an hour should fail now.
 */
export function resolveTargets(requests: readonly TargetRequest[], options: ResolveOptions): Target[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  const targets: Target[] = [];
  for (const request of requests) {
    const entry = typeof request === 'string' ? { target: request } : request;
    let spec: TargetSpec;
    try {
      spec = parseTargetSpec(entry.target);
      if (entry.label !== undefined) spec = { ...spec, label: entry.label };
    } catch (error) {
      problems.push((error as Error).message);
      continue;
    }
    if (seen.has(spec.label)) {
      problems.push(`target "${spec.label}" is given twice`);
      continue;
    }
    seen.add(spec.label);
    const kind = providerKinds[spec.kind];
    const problemsBefore = problems.length;
    for (const alternatives of kind.requiredEnvironment(spec)) {
      if (!alternatives.some((name) => options.environment[name])) {
        problems.push(`target "${spec.label}" needs ${alternatives.join(' or ')} to be set in the environment`);
      }
    }
    const endpoint = kind.endpoint(spec, options.environment);
    // A base URL from the environment (OPENAI_BASE_URL=…) that is no URL would fail every request.
    if (problems.length === problemsBefore && !isHttpUrl(endpoint)) {
      problems.push(`target "${spec.label}": its base URL ${JSON.stringify(maskUrlCredentials(endpoint))} is not an http(s) URL; check the *_BASE_URL variable`);
    }
    // A user name, password or key in a base URL from the environment would be recorded with the endpoint.
    const credential = URL.canParse(endpoint) ? findUrlCredential(new URL(endpoint)) : undefined;
    if (credential !== undefined) {
      problems.push(`target "${spec.label}": a credential in its base URL ${JSON.stringify(maskUrlCredentials(endpoint))} (${credential}) would be written to run.json; give the key in its *_API_KEY variable`);
    }
    const providerOptions = targetProviderOptions(spec, entry, problems);
    const price = options.prices.get(kind.priceModelId(spec));
    targets.push({
      label: spec.label,
      spec,
      ...(price ? { price } : {}),
      endpoint,
      simulated: entry.simulated ?? options.simulated?.has(spec.label) ?? false,
      secrets: [
        ...kind.secretEnvironment.map((name) => options.environment[name]).filter((value): value is string => !!value),
        ...optionSecrets(entry.providerOptions),
        ...optionSecrets(entry.gateway),
      ],
      ...(providerOptions ? { providerOptions } : {}),
      ...(entry.maxTokens !== undefined ? { maxOutputTokens: entry.maxTokens } : {}),
      ...(entry.temperature !== undefined ? { temperature: entry.temperature } : {}),
      createModel: (fetch) => kind.createModel(spec, options.environment, fetch),
      ...(spec.kind === 'gateway' ? { generationInfo: gatewayGenerationInfo(options.environment) } : {}),
    });
  }
  if (problems.length > 0) throw new TargetError(problems.join('\n'));
  return targets;
}

/**
 * The eval's provider options, with the gateway's routing (the spec's `@provider,…`, `gateway:`
 * and `providerOptions.gateway`) checked and merged into `gateway`; its problems join the others.
 */
function targetProviderOptions(
  spec: TargetSpec,
  entry: { providerOptions?: ProviderOptions; gateway?: GatewayRouting },
  problems: string[],
): ProviderOptions | undefined {
  const { routing, problems: routingProblems } = gatewayRoutingOf(spec, { gateway: entry.gateway, providerOptions: spec.kind === 'gateway' ? entry.providerOptions?.gateway : undefined });
  problems.push(...routingProblems);
  if (!routing) return entry.providerOptions;
  return { ...entry.providerOptions, gateway: routing };
}

function isHttpUrl(text: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(text).protocol);
  } catch {
    return false;
  }
}
