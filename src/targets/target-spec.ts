import { TargetError } from '../config/errors.ts';
import { findUrlCredential, maskUrlCredentials } from './url-credential.ts';

export const providerKindNames = ['gateway', 'openai', 'azure', 'anthropic', 'openai-compatible'] as const;
export type ProviderKind = (typeof providerKindNames)[number];

/** A parsed `[provider:]model[@where]` spec. */
export type TargetSpec = {
  /** The spec as the user wrote it; the target's label in every report. */
  label: string;
  kind: ProviderKind;
  /** The model id as the provider knows it (for the gateway: `creator/model`). */
  modelId: string;
  /** Gateway: providers to route to, in order. */
  providerOrder?: string[];
  /** openai-compatible: the server's base URL. */
  baseURL?: string;
};

/**
 * `[label=]`, then: `openai/gpt-4o-mini[@azure,openai]` → the AI Gateway; `openai:gpt-4o-mini`, `azure:<deployment>`,
 * `anthropic:<model>` → that provider's own package; `openai-compatible:<model>@<baseURL>`.
 */
export function parseTargetSpec(spec: string): TargetSpec {
  // `name=spec` gives a long spec a short label.
  const named = splitLabel(spec);
  if (named) return { ...parseTargetSpec(named.spec), label: named.label };
  const label = spec.trim();
  const colon = label.indexOf(':');
  const slash = label.indexOf('/');
  const hasKind = colon > 0 && (slash === -1 || colon < slash);
  if (!hasKind) return parseGatewaySpec(label);

  const kindName = label.slice(0, colon);
  const rest = label.slice(colon + 1);
  if (!isProviderKind(kindName)) {
    throw new TargetError(
      `target "${label}": unknown provider "${kindName}" (known: ${providerKindNames.join(', ')})`,
    );
  }
  if (kindName === 'gateway') return { ...parseGatewaySpec(rest), label };
  if (kindName === 'openai-compatible') {
    const at = rest.indexOf('@');
    const modelId = at === -1 ? rest : rest.slice(0, at);
    const baseURL = at === -1 ? '' : rest.slice(at + 1);
    if (!modelId || !baseURL) {
      throw new TargetError(
        `target "${label}": expected openai-compatible:<model>@<baseURL>, e.g. openai-compatible:llama3.1@http://127.0.0.1:8000/v1`,
      );
    }
    assertBaseUrl(label, baseURL);
    return { label, kind: kindName, modelId, baseURL };
  }
  if (!rest || rest.includes('@')) {
    throw new TargetError(`target "${label}": expected ${kindName}:<model>`);
  }
  return { label, kind: kindName, modelId: rest };
}

/** `label=spec` as its two parts; undefined when the spec names no label first. */
export function splitLabel(spec: string): { label: string; spec: string } | undefined {
  const named = /^([^:/@=\s]+)=(.+)$/.exec(spec.trim());
  return named?.[1] && named[2] ? { label: named[1], spec: named[2] } : undefined;
}

function parseGatewaySpec(label: string): TargetSpec {
  const [modelId = '', where, ...extra] = label.split('@');
  if (!/^[\w.-]+\/[\w.:-]+$/.test(modelId) || extra.length > 0) {
    throw new TargetError(
      `target "${label}": expected creator/model[@provider,…] for the AI Gateway (e.g. openai/gpt-4o-mini@azure), ` +
        `or provider:model (providers: ${providerKindNames.join(', ')})`,
    );
  }
  const providerOrder = where
    ?.split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  if (where !== undefined && providerOrder?.length === 0) {
    throw new TargetError(`target "${label}": empty provider list after "@"`);
  }
  return { label, kind: 'gateway', modelId, ...(providerOrder ? { providerOrder } : {}) };
}

function isProviderKind(name: string): name is ProviderKind {
  return (providerKindNames as readonly string[]).includes(name);
}

/**
 * The label is the spec as written and lands in run.json and every report: a credential in the
 * URL would too (and fetch refuses user info anyway). Messages mask it, so that the refusal does
 * not print what it protects.
 */
function assertBaseUrl(label: string, baseURL: string): void {
  // The label ends with the base URL.
  const masked = label.slice(0, label.length - baseURL.length) + maskUrlCredentials(baseURL);
  let url: URL;
  try {
    url = new URL(baseURL);
  } catch {
    throw new TargetError(`target "${masked}": "${maskUrlCredentials(baseURL)}" is not a URL`);
  }
  const credential = findUrlCredential(url);
  if (credential === undefined) return;
  throw new TargetError(
    `target "${masked}": a credential in the URL (${credential}) would be written to every report; ` +
      'give the key in OPENAI_COMPATIBLE_API_KEY, which is sent as a bearer token and never recorded',
  );
}
