import { stat } from 'node:fs/promises';
import path from 'node:path';
import { checkEvalDefinition } from './check-eval-definition.ts';
import { DatasetError, InputError } from './errors.ts';
import type { EvalDefinition } from './eval-definition.ts';
import { importConfigModule } from './import-config-module.ts';
import { parseConfigText } from './parse-config-text.ts';
import { readInputFile } from './read-input-file.ts';
import { readInputText } from './read-input-text.ts';
import { resolveDefinitionPaths } from './resolve-definition-paths.ts';
import { shownPath } from './shown-path.ts';

export type LoadedConfig = {
  /** The eval file, absolute. */
  file: string;
  /** Checked, with every path in it absolute (relative to the file's folder). */
  definition: EvalDefinition;
  /** The line of a key in the file, for messages about it; undefined for a .ts or .js config. */
  lineOf(path: readonly (string | number)[]): number | undefined;
};

/** Looked for in this order in the working folder when no `--config` is given. */
export const configFileNames = ['llm-bench.yaml', 'llm-bench.yml', 'llm-bench.json', 'llm-bench.config.ts', 'llm-bench.config.mjs', 'llm-bench.config.js'] as const;

/** An eval file is a page of settings; a larger one is not an eval file. */
export const maxConfigBytes = 2 ** 20;

const formats: Record<string, 'yaml' | 'json' | 'module'> = { '.yaml': 'yaml', '.yml': 'yaml', '.json': 'json', '.ts': 'module', '.mts': 'module', '.js': 'module', '.mjs': 'module' };

async function findConfigFile(cwd: string): Promise<string | undefined> {
  for (const name of configFileNames) {
    const file = path.join(cwd, name);
    if (await stat(file).then(() => true, () => false)) return file;
  }
  return undefined;
}

/** A read error names the file as the user wrote it rather than its absolute path. */
function renamed(error: unknown, file: string, shown: string): unknown {
  if (error instanceof DatasetError) return new DatasetError(error.problems.map((problem) => problem.split(file).join(shown)), { cause: error.cause });
  if (error instanceof InputError) return new InputError(error.message.split(file).join(shown), { cause: error.cause });
  return error;
}

async function readDefinition(file: string, shown: string, format: 'yaml' | 'json' | 'module'): Promise<{ value: unknown; lineOf(path: readonly PropertyKey[]): number | undefined }> {
  if (format === 'module') {
    // Refuses a FIFO or a folder before import() could block on it or misread it.
    await readInputFile({ path: file, what: 'eval file', maxBytes: maxConfigBytes });
    return { value: await importConfigModule(file, shown), lineOf: () => undefined };
  }
  const parsed = parseConfigText(await readInputText({ path: file, what: 'eval file', maxBytes: maxConfigBytes }), format);
  if ('problems' in parsed) throw new DatasetError(parsed.problems.map((problem) => `${shown}:${problem.line}: ${problem.field}: ${problem.message}`));
  return parsed;
}

/**
 * The eval file: `config` (the `--config FILE` flag, relative to `cwd`), or the first of
 * `configFileNames` in `cwd`; undefined when there is none and no `config` (flags alone define
 * the run). Every problem in it is reported at once, each `file:line: path: what is wrong`, as one
 * DatasetError (exit code 2).
 */
export async function loadConfig(options: { config?: string; cwd: string }): Promise<LoadedConfig | undefined> {
  const file = options.config !== undefined ? path.resolve(options.cwd, options.config) : await findConfigFile(options.cwd);
  if (file === undefined) return undefined;
  const shown = options.config ?? shownPath(file, options.cwd);
  const format = formats[path.extname(file).toLowerCase()];
  if (format === undefined) throw new InputError(`eval file ${shown}: expected a .yaml, .yml, .json, .ts, .mts, .js or .mjs file`);
  let read: Awaited<ReturnType<typeof readDefinition>>;
  try {
    read = await readDefinition(file, shown, format);
  } catch (error) {
    throw renamed(error, file, shown);
  }
  const checked = checkEvalDefinition(read.value);
  if ('problems' in checked) {
    const located = checked.problems.map((problem) => ({ ...problem, line: read.lineOf(problem.path) }));
    located.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
    throw new DatasetError(located.map((problem) => `${shown}${problem.line === undefined ? '' : `:${problem.line}`}: ${problem.field}: ${problem.message}`));
  }
  return { file, definition: resolveDefinitionPaths(checked.definition, path.dirname(file)), lineOf: read.lineOf };
}
