import { statSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

/**
 * A module that takes longer to import is stuck (a top-level await that never settles). 30 s;
 * LLM_BENCH_TEST_SCORER_IMPORT_TIMEOUT_MS (for the project's own tests only) makes it shorter.
 */
export const customScorerImportTimeoutMs = testImportTimeoutMs() ?? 30_000;

function testImportTimeoutMs(): number | undefined {
  const value = Number(process.env.LLM_BENCH_TEST_SCORER_IMPORT_TIMEOUT_MS);
  return Number.isInteger(value) && value > 0 && value <= 30_000 ? value : undefined;
}

/** Larger is not a scorer someone wrote; refused before Node reads it all to compile it. */
export const maxCustomScorerBytes = 16 * 2 ** 20;

/** The default export, before scoring/custom.ts gives it its type. */
export type CustomScorerFunction = (...args: never[]) => unknown;

// One import per module file for the whole run (validation, then every case that uses it).
const modules = new Map<string, Promise<CustomScorerFunction>>();

/** One line, without the control characters a module's own message could carry to a terminal. */
function describeError(error: unknown): string {
  let text: string;
  try {
    text = error instanceof Error ? `${error.name}: ${error.message}` : `threw ${String(error)}`;
  } catch {
    text = `threw ${typeof error}`;
  }
  return (text.split('\n')[0] ?? '').replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
}

/** The module, or undefined when it has not loaded within the timeout. */
async function importWithin(file: string): Promise<{ default?: unknown } | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), customScorerImportTimeoutMs);
  });
  try {
    return await Promise.race([import(pathToFileURL(file).href) as Promise<{ default?: unknown }>, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function load(file: string, modulePath: string): Promise<CustomScorerFunction> {
  const { size } = statSync(file);
  if (size > maxCustomScorerBytes) throw new Error(`custom scorer ${modulePath} is ${(size / 2 ** 20).toFixed(0)} MiB, larger than the ${maxCustomScorerBytes / 2 ** 20} MiB a scorer module may be`);
  let loaded: { default?: unknown } | undefined;
  try {
    loaded = await importWithin(file);
  } catch (error) {
    throw new Error(`cannot load custom scorer ${modulePath}: ${describeError(error)}`, { cause: error });
  }
  if (loaded === undefined) throw new Error(`custom scorer ${modulePath} did not finish loading within ${Number((customScorerImportTimeoutMs / 1000).toFixed(3))} s`);
  if (typeof loaded.default !== 'function') {
    const got = loaded.default === undefined ? 'it has none' : `it is ${loaded.default === null ? 'null' : typeof loaded.default}`;
    throw new Error(`custom scorer ${modulePath} has no default export function (${got})`);
  }
  return loaded.default as CustomScorerFunction;
}

/**
 * Imports a custom scorer module (an absolute path, already confined to its dataset's folder)
 * and checks that its default export is a function. Rejects with a message a dataset author can
 * act on; the loader reports it at the line that names the module, before anything is sent.
 */
export function importCustomScorer(file: string, modulePath: string): Promise<CustomScorerFunction> {
  let scorer = modules.get(file);
  if (scorer === undefined) {
    scorer = load(file, modulePath);
    // Checked at load and awaited again when scoring: never an unhandled rejection in between.
    scorer.catch(() => undefined);
    modules.set(file, scorer);
  }
  return scorer;
}
