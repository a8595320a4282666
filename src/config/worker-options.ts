import type { WorkerOptions } from 'node:worker_threads';

/** Set by bin/strip-package-types.js when the package's entry registered its hook in this thread. */
const hookKey = Symbol.for('llm-bench.strip-types-hook');

/**
 * Options for a worker thread of the package's own: when the program imported llm-bench as a
 * library from node_modules (where Node strips no types), the hook that strips them was
 * registered in its thread only, and a worker gets it through `--import`. The CLI's launcher
 * passes `--import` to the whole process, which workers inherit.
 */
export function workerOptions(): WorkerOptions {
  const hook = (globalThis as Record<symbol, unknown>)[hookKey];
  if (typeof hook !== 'string' || process.execArgv.includes(hook)) return {};
  return { execArgv: [...process.execArgv, '--import', hook] };
}
