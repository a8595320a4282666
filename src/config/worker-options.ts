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
  return { ...limits, execArgv: [...workerExecArgv(process.execArgv), '--import', hook] };
}

/** V8's heap sizing flags: process-wide, and refused by `new Worker` in execArgv (ERR_WORKER_INVALID_EXEC_ARGV). */
const heapFlag = /^--(?:(?:max|min)[-_](?:semi|old|young)[-_]space[-_]size|max[-_]heap[-_]size|initial[-_]heap[-_]size|heap[-_]growing[-_]percent)(=|$)/;

/**
 * The process's own Node options as a worker may be given them: without V8's heap flags (the
 * launcher's `--max-semi-space-size=2`, a user's `--max-old-space-size 4096`), which a worker
 * shares with the process anyway and may not be handed.
 */
export function workerExecArgv(execArgv: readonly string[]): string[] {
  const kept: string[] = [];
  for (let index = 0; index < execArgv.length; index++) {
    const match = heapFlag.exec(execArgv[index]!);
    if (!match) kept.push(execArgv[index]!);
    // `--max-old-space-size 4096`: its value is the next argument.
    else if (match[1] === '' && /^\d/.test(execArgv[index + 1] ?? '')) index++;
  }
  return kept;
}

/**
 * A transport worker keeps little (under 30 MB live) but V8 sizes a worker's young generation
 * from the machine, not from what it keeps: capped, two lean workers' resident memory is about
 * 220 MB less at the same CPU (30,000 tiny attempts, c=64: 961/978 -> 771/714 MB; issue 14).
 */
export const transportWorkerLimits: ResourceLimits = { maxYoungGenerationSizeMb: 8 };
