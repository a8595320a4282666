import type { CaseCalls } from '../../datasets/case.ts';
import { stepDependencies } from './step-order.ts';

export type StepTiming = { ttftMs?: number | undefined; e2eMs?: number | undefined };

/**
 * A multi-call case's latency from its answered steps' own: each step ends its e2e after the last
 * of the steps it waited for, so the case's e2e is the longest such chain (parallel steps count
 * once) and its TTFT the output step's, counted from when it could start. Back-off and queueing
 * are the harness's, not latency: only answered attempts' figures count. Undefined when a step on
 * the way has no figure (a cached answer).
 */
export function criticalPath(calls: CaseCalls, timings: ReadonlyMap<string, StepTiming>): { e2eMs?: number; ttftMs?: number; sumOfStepsMs?: number } {
  const finish = new Map<string, number | undefined>();
  const byName = new Map(calls.steps.map((step) => [step.name, step]));
  const startOf = (name: string, seen: Set<string>): number | undefined => {
    const step = byName.get(name);
    if (!step) return undefined;
    let start = 0;
    for (const before of stepDependencies(calls, step)) {
      const end = finishOf(before, seen);
      if (end === undefined) return undefined;
      start = Math.max(start, end);
    }
    return start;
  };
  const finishOf = (name: string, seen: Set<string>): number | undefined => {
    if (finish.has(name)) return finish.get(name);
    // A cycle cannot come from a dataset (a step uses earlier steps only); guarded all the same.
    if (seen.has(name)) return undefined;
    seen.add(name);
    const start = startOf(name, seen);
    const e2e = timings.get(name)?.e2eMs;
    const end = start === undefined || e2e === undefined ? undefined : start + e2e;
    finish.set(name, end);
    return end;
  };
  const ends = calls.steps.map((step) => finishOf(step.name, new Set()));
  const e2eMs = ends.every((end) => end !== undefined) ? Math.max(...ends) : undefined;
  const outputStart = startOf(calls.output, new Set());
  const outputTtft = timings.get(calls.output)?.ttftMs;
  const ttftMs = outputStart === undefined || outputTtft === undefined ? undefined : outputStart + outputTtft;
  const stepE2e = calls.steps.map((step) => timings.get(step.name)?.e2eMs);
  const sumOfStepsMs = stepE2e.every((value) => value !== undefined) ? stepE2e.reduce((sum, value) => sum + value, 0) : undefined;
  return { ...(e2eMs !== undefined ? { e2eMs } : {}), ...(ttftMs !== undefined ? { ttftMs } : {}), ...(sumOfStepsMs !== undefined ? { sumOfStepsMs } : {}) };
}
