import type { LanguageModel } from 'ai';
import type { PriceRow } from '../config/price-table-schema.ts';
import { TargetError } from '../config/errors.ts';
import type { Environment, ProviderOptions } from './provider-kind.ts';
import { providerKinds } from './provider-kinds.ts';
import type { PriceTable } from './price-table.ts';
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
  createModel(fetch: typeof globalThis.fetch): LanguageModel;
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
export function resolveTargets(specs: string[], options: ResolveOptions): Target[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  const targets: Target[] = [];
  for (const text of specs) {
    let spec: TargetSpec;
    try {
      spec = parseTargetSpec(text);
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
      problems.push(`target "${spec.label}": its base URL ${JSON.stringify(endpoint)} is not an http(s) URL; check the *_BASE_URL variable`);
    }
    const providerOptions = kind.providerOptions?.(spec);
    const price = options.prices.get(kind.priceModelId(spec));
    targets.push({
      label: spec.label,
      spec,
      ...(price ? { price } : {}),
      endpoint,
      simulated: options.simulated?.has(spec.label) ?? false,
      secrets: kind.secretEnvironment.map((name) => options.environment[name]).filter((value): value is string => !!value),
      ...(providerOptions ? { providerOptions } : {}),
      createModel: (fetch) => kind.createModel(spec, options.environment, fetch),
    });
  }
  if (problems.length > 0) throw new TargetError(problems.join('\n'));
  return targets;
}

function isHttpUrl(text: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(text).protocol);
  } catch {
    return false;
  }
}
