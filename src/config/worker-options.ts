import type { ResourceLimits, WorkerOptions } from 'node:worker_threads';

/** Set by bin/strip-package-types.js when the package's entry registered its hook in this thread. */
const hookKey = Symbol.for('llm-bench.strip-types-hook');

/**
 * Options for a worker thread of the package's own: when the program imported llm-bench as a
 * library from node_modules (where Node strips no types), the hook that strips them was
 * registered in its thread only, and a worker gets it through `--import`. The CLI's launcher
 * passes `--import` to the whole process, which workers inherit. `resourceLimits`, when given,
 * are the worker's (see transportWorkerLimits).
 */
export function workerOptions(resourceLimits?: ResourceLimits): WorkerOptions {
  const limits = resourceLimits === undefined ? {} : { resourceLimits };
  const hook = (globalThis as Record<symbol, unknown>)[hookKey];
  if (typeof hook !== 'string' || process.execArgv.includes(hook)) return limits;
  return { ...limits, execArgv: [...process.execArgv, '--import', hook] };
}

/**
 * A transport worker keeps little (under 30 MB live) but V8 sizes a worker's young generation
 * from the machine, not from what it keeps: capped, two lean workers' resident memory is about
 * 220 MB less at the same CPU (30,000 tiny attempts, c=64: 961/978 -> 771/714 MB; issue 14).
 */
export const transportWorkerLimits: ResourceLimits = { maxYoungGenerationSizeMb: 8 };
