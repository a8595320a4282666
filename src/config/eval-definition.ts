import { z } from 'zod';
import { boundedNumber } from './bounded-number.ts';
import { limits } from './limits.ts';
import { runSettings, type RunSettingName } from './settings/run-settings.ts';
import type { SettingDeclaration } from './settings/setting.ts';
import { strictObject } from './strict-object.ts';
import { gatewayRoutingSchema, type GatewayRouting } from './gateway-routing-schema.ts';

const nonEmptyText = z.string().trim().min(1, 'expected a non-empty text');
const jsonValue: z.ZodType<unknown> = z.lazy(() => z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(jsonValue), z.record(z.string(), jsonValue)]));

/** A target as the file may write it: a spec, or a spec with its own label, settings and provider options. */
export const targetObjectSchema = strictObject({
  target: nonEmptyText.describe('The target spec: [provider:]model[@where]'),
  label: nonEmptyText.optional().describe('Its name in every report (default: the spec)'),
  temperature: boundedNumber(limits.temperature).optional().describe('Sampling temperature for this target (default: run.temperature)'),
  maxTokens: boundedNumber(limits.maxTokens).optional().describe('Maximum output tokens for this target (default: run.maxTokens)'),
  providerOptions: z
    .record(z.string(), z.record(z.string(), jsonValue))
    .optional()
    .describe("Passed to the AI SDK as providerOptions, by provider name: { openai: { reasoningEffort: 'low' } }"),
  gateway: gatewayRoutingSchema.optional().describe("AI Gateway targets: the gateway's routing options (providerOptions.gateway): order, only, sort, models, zeroDataRetention, byok, caching, …"),
  steps: z
    .record(nonEmptyText, nonEmptyText)
    .optional()
    .describe('Pipelines: the target spec a named step is sent to instead of this one, e.g. { draft: openai/gpt-4o }'),
});
export const targetEntrySchema = z.union([
  nonEmptyText.describe('A target spec: [label=][provider:]model[@where], e.g. openai/gpt-4o-mini@azure'),
  targetObjectSchema,
]);
/** A target with whatever the file gave it beside its spec. */
export type TargetObject = {
  target: string;
  label?: string;
  temperature?: number;
  maxTokens?: number;
  providerOptions?: Record<string, Record<string, import('ai').JSONValue>>;
  /** AI Gateway routing options (providerOptions.gateway), checked against the installed @ai-sdk/gateway's. */
  gateway?: GatewayRouting;
  /** Pipelines: step name → the target spec that step is sent to instead of this target. */
  steps?: Record<string, string>;
};
export type TargetEntry = string | TargetObject;

/** A reporter: a built-in name or a module path, alone or with its options. */
export const reporterEntrySchema = z.union(
  [nonEmptyText, z.tuple([nonEmptyText, z.record(z.string(), z.unknown())], { error: (issue) => (issue.code === 'too_big' || issue.code === 'too_small' ? 'expected [name, { options }]: two items' : undefined) })],
  { error: 'expected a reporter name or module path, or [name, { options }]' },
);
export type ReporterEntry = z.input<typeof reporterEntrySchema>;

/** The file form of the settings that are more than a value. */
const richSettings: Partial<Record<RunSettingName, z.ZodType>> = {
  datasets: z.union([nonEmptyText, z.array(nonEmptyText).min(1, 'expected at least one dataset')]),
  targets: z.array(targetEntrySchema).min(1, 'expected at least one target'),
  prompts: z.array(nonEmptyText),
  reporters: z.array(reporterEntrySchema),
};

function valueSchema(declaration: SettingDeclaration): z.ZodType {
  switch (declaration.kind) {
    case 'number':
      return boundedNumber(declaration.bound);
    case 'text':
      return nonEmptyText;
    case 'texts':
      return z.array(nonEmptyText);
    case 'boolean':
      return z.boolean();
  }
}

function describedSchema(name: RunSettingName): z.ZodType {
  const declaration: SettingDeclaration = runSettings[name];
  const flag = declaration.flag ? ` (flag --${declaration.flag})` : '';
  const fallback = declaration.default !== undefined ? `; default ${JSON.stringify(declaration.default)}` : declaration.defaultDescription ? `; default: ${declaration.defaultDescription}` : '';
  return (richSettings[name] ?? valueSchema(declaration)).optional().describe(`${declaration.describe}${flag}${fallback}`);
}

/** `{ run: { concurrency: …, … }, budget: { maxCost }, datasets: …, … }`, from the declarations. */
function buildShape(): Record<string, z.ZodType> {
  const top: Record<string, z.ZodType> = {};
  const sections = new Map<string, Record<string, z.ZodType>>();
  for (const name of Object.keys(runSettings) as RunSettingName[]) {
    const [first, second] = runSettings[name].path;
    if (second === undefined) top[first] = describedSchema(name);
    else sections.set(first, { ...sections.get(first), [second]: describedSchema(name) });
  }
  for (const [section, shape] of sections) top[section] = strictObject(shape).optional().describe(sectionDescriptions[section] ?? section);
  return top;
}

const sectionDescriptions: Record<string, string> = {
  run: 'How requests are sent: repeats, concurrency, pacing, retries, timeouts, the cache',
  budget: 'Spending: scheduling stops before the budget could be passed',
  gates: 'CI gates: a run that fails one ends with exit code 4',
  simulator: 'The built-in simulator, for simulated: targets',
  output: 'What the terminal shows: live progress, the summary, JSON',
  load: 'How load is generated: arrivals, sweeps, SLOs, the engine, shards',
};

/**
 * An eval, as `llm-bench.yaml` (or .json, or `llm-bench.config.ts` through defineConfig) writes
 * it. Every key is optional here: flags fill in or override what the file leaves out, and the
 * whole is checked again once merged. Unknown keys are refused (a typo must not pass unnoticed).
 */
export const evalDefinitionSchema = strictObject({
  $schema: z.string().optional().describe('The JSON Schema of this file, for editors'),
  description: z.string().optional().describe('What this eval is for; kept in run.json'),
  ...buildShape(),
});

type Section<Names extends RunSettingName> = { [Name in Names as (typeof runSettings)[Name]['path'][1] & string]?: SettingValue<Name> };
type SettingValue<Name extends RunSettingName> = (typeof runSettings)[Name] extends { kind: 'number' }
  ? number
  : (typeof runSettings)[Name] extends { kind: 'boolean' }
    ? boolean
    : (typeof runSettings)[Name] extends { kind: 'texts' }
      ? string[]
      : string;
type NamesIn<S extends string> = { [Name in RunSettingName]: (typeof runSettings)[Name]['path'][0] extends S ? ((typeof runSettings)[Name]['path'] extends readonly [string, string] ? Name : never) : never }[RunSettingName];

/** What an eval file or `defineConfig` may hold. */
export type EvalDefinition = {
  $schema?: string;
  description?: string;
  datasets?: string | string[];
  targets?: TargetEntry[];
  prompts?: string[];
  reporters?: ReporterEntry[];
  judge?: string;
  prices?: string;
  baseline?: string;
  out?: string;
  run?: Section<NamesIn<'run'>>;
  budget?: Section<NamesIn<'budget'>>;
  gates?: Section<NamesIn<'gates'>>;
  simulator?: Section<NamesIn<'simulator'>>;
  output?: Section<NamesIn<'output'>>;
  load?: Section<NamesIn<'load'>>;
};

/** Gives a TypeScript config (`llm-bench.config.ts`) its types; the loader checks it as it checks YAML. */
export function defineConfig(definition: EvalDefinition): EvalDefinition {
  return definition;
}
