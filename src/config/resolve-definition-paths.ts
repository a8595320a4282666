import path from 'node:path';
import type { EvalDefinition, ReporterEntry } from './eval-definition.ts';

/** A reporter written as a module path (`./my-reporter.ts`); any other name is the registry's. */
function resolveReporter(entry: ReporterEntry, baseDir: string): ReporterEntry {
  const [name, options] = typeof entry === 'string' ? [entry, undefined] : entry;
  if (!name.startsWith('.')) return entry;
  const resolved = path.resolve(baseDir, name);
  return options === undefined ? resolved : [resolved, options];
}

/**
 * The definition with every path it holds made absolute against `baseDir` (the eval file's
 * folder), so that a file means the same run from whichever folder it is used: datasets and
 * their globs, prompt files, the price table, the run folder, the cache folder, reporter
 * modules and the baseline run of gates. A new object; the given one is left as it was.
 */
export function resolveDefinitionPaths(definition: EvalDefinition, baseDir: string): EvalDefinition {
  const resolve = (file: string) => path.resolve(baseDir, file);
  const { datasets, prompts, prices, out, reporters, run, gates } = definition;
  return {
    ...definition,
    ...(datasets !== undefined ? { datasets: typeof datasets === 'string' ? resolve(datasets) : datasets.map(resolve) } : {}),
    ...(prompts !== undefined ? { prompts: prompts.map(resolve) } : {}),
    ...(prices !== undefined ? { prices: resolve(prices) } : {}),
    ...(out !== undefined ? { out: resolve(out) } : {}),
    ...(reporters !== undefined ? { reporters: reporters.map((entry) => resolveReporter(entry, baseDir)) } : {}),
    ...(run?.cacheDir !== undefined ? { run: { ...run, cacheDir: resolve(run.cacheDir) } } : {}),
    ...(gates?.baselineRun !== undefined ? { gates: { ...gates, baselineRun: resolve(gates.baselineRun) } } : {}),
  };
}
