import type { JSONValue, LanguageModel } from 'ai';
import type { TargetSpec } from './target-spec.ts';

export type Environment = Record<string, string | undefined>;
export type ProviderOptions = Record<string, Record<string, JSONValue>>;

/** What one provider kind must offer; the table of them lives in provider-kinds.ts. */
export type ProviderKindDefinition = {
  /**
   * Environment variables the target cannot run without, as alternatives: each inner list is
   * satisfied when any one of its names is set.
   */
  requiredEnvironment(spec: TargetSpec): string[][];
  /** Environment variables whose values are secrets: redacted from every output. */
  secretEnvironment: string[];
  /** Builds the model with the `fetch` it is given; called once per target (src/runner/model-of-target.ts), whose fetch sends each request through its attempt's own timed fetch. */
  createModel(spec: TargetSpec, environment: Environment, fetch: typeof globalThis.fetch): LanguageModel;
  providerOptions?(spec: TargetSpec): ProviderOptions | undefined;
  /**
   * Where the requests go: the base URL from the environment or the spec, else the SDK's default.
   * Kept in run.json, so that a reader knows which server produced the figures.
   */
  endpoint(spec: TargetSpec, environment: Environment): string;
  /** The model id to look up in the price table. */
  priceModelId(spec: TargetSpec): string;
};
