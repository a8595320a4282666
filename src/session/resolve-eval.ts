import { checkEvalDefinition } from '../config/check-eval-definition.ts';
import { DatasetError, InputError } from '../config/errors.ts';
import type { EvalDefinition } from '../config/eval-definition.ts';
import path from 'node:path';
import { loadConfig, type LoadedConfig } from '../config/load-config.ts';
import { resolveDefinitionPaths } from '../config/resolve-definition-paths.ts';
import { mergeSettings, settingsOfDefinition, withDefaults, type EvalSettings, type GivenSettings } from '../config/settings/eval-settings.ts';
import { redactedMarker } from '../targets/index.ts';
import { recordedDefinition } from './run-folder.ts';

export type ResolvedEval = {
  settings: EvalSettings;
  /** What the file and flags gave, before defaults (to tell a setting given from a default). */
  given: GivenSettings;
  /** The eval file read, if any. */
  file?: string;
};

/**
 * The eval to run: the eval file (`--config`, or llm-bench.yaml … in the working folder), with
 * each flag over the file's setting. A resume reads the run's recorded definition instead, with
 * each flag over it; no eval file is read then.
 */
export async function resolveEval(input: { flags: GivenSettings; config?: string | undefined; cwd: string; resume?: string | undefined }): Promise<ResolvedEval> {
  if (input.resume !== undefined) {
    const problems = [
      ...(input.config !== undefined ? ['--resume reads the eval from the run folder it completes; drop --config'] : []),
      ...(input.flags.out !== undefined ? ['--resume writes into the run folder it completes; drop --out'] : []),
    ];
    if (problems.length > 0) throw new InputError(problems.join('\n'));
    const recorded = await recordedDefinition(input.resume);
    const redacted = redactedSecretsIn(recorded);
    if (redacted.length > 0) {
      throw new InputError(
        `--resume ${input.resume}: run.json holds the eval with its secrets redacted (${redacted.join(', ')}), so a resume cannot send them; ` +
          'give keys through the environment variables the providers read (OPENAI_API_KEY, …), or start a new run',
      );
    }
    // The recorded settings were the first run's choice (and told about then): only the flags
    // count as given now.
    return { settings: checked(mergeSettings(settingsOfDefinition(recorded), input.flags)), given: input.flags };
  }
  const loaded = await loadConfig({ cwd: input.cwd, ...(input.config !== undefined ? { config: input.config } : {}) });
  const fromFile = loaded ? settingsOfDefinition(loaded.definition) : {};
  const given = mergeSettings(fromFile, input.flags);
  if (given.datasets === undefined && given.targets === undefined && !loaded) {
    throw new InputError('Expected --dataset and --target, an eval file (llm-bench.yaml here, or --config FILE; `llm-bench init` writes one), or --resume <run folder>');
  }
  // A rule broken by the file's settings is reported at its line; by a flag, by the flag.
  const where = loaded && input.flags.maxCost === undefined ? fileLine(loaded, ['budget', 'maxCost'], input.cwd) : undefined;
  return { settings: checked(given, where), given, ...(loaded ? { file: loaded.file } : {}) };
}

/**
 * An eval given as data (the API, or a TypeScript config's object), checked as a file is, its
 * relative paths taken from `cwd`.
 */
export function settingsOfGivenDefinition(definition: EvalDefinition, cwd: string): EvalSettings {
  const result = checkEvalDefinition(definition);
  if ('problems' in result) throw new DatasetError(result.problems.map((problem) => `${problem.field}: ${problem.message}`));
  return checked(settingsOfDefinition(resolveDefinitionPaths(result.definition, cwd)));
}

/** Defaults filled in, and the rules that tie one setting to another. */
function checked(given: GivenSettings, maxCostPlace?: string): EvalSettings {
  const settings = withDefaults(given);
  const problems: string[] = [];
  if (settings.maxCost !== undefined && settings.maxTokens === undefined && settings.targets.some((target) => target.maxTokens === undefined)) {
    problems.push(
      maxCostPlace
        ? `${maxCostPlace}: budget.maxCost: needs run.maxTokens (or maxTokens on every target): without it, the worst case of a request in flight has no bound`
        : '--max-cost needs --max-tokens: without it, the worst case of a request in flight has no bound',
    );
  }
  if (problems.length > 0) throw new InputError(problems.join('\n'));
  return settings;
}

/** Where a recorded eval holds a secret that was redacted: a resume would send the marker instead. */
function redactedSecretsIn(definition: EvalDefinition): string[] {
  const places: string[] = [];
  const visit = (value: unknown, at: string) => {
    if (typeof value === 'string' && value.includes(redactedMarker)) places.push(at);
    else if (Array.isArray(value)) value.forEach((item, index) => visit(item, `${at}[${index}]`));
    else if (value !== null && typeof value === 'object') for (const [key, inner] of Object.entries(value)) visit(inner, at ? `${at}.${key}` : key);
  };
  visit(definition.targets, 'targets');
  return places;
}

/** `llm-bench.yaml:12`, as the eval file's other messages name a place. */
function fileLine(loaded: LoadedConfig, keys: string[], cwd: string): string {
  const relative = path.relative(cwd, loaded.file);
  const shown = relative.startsWith('..') || path.isAbsolute(relative) ? loaded.file : relative;
  const line = loaded.lineOf(keys);
  return line === undefined ? shown : `${shown}:${line}`;
}
