import PQueue from 'p-queue';
import type { Plan } from './plan-run.ts';
import type { Sleep } from './sleep-unless-stopped.ts';
import { TargetGovernor } from './target-governor.ts';

export type GovernedQueue = { queue: PQueue; governor: TargetGovernor };

/** Each target's queue, bounded by --target-concurrency, and the governor that keeps it polite. */
export function targetGovernors(
  plan: Plan,
  settings: { targetConcurrency: number; maxErrorRate: number },
  clock: { now: () => number; sleep: Sleep; onTargetStopped?: (target: string, reason: string) => void },
): Map<string, GovernedQueue> {
  return new Map(
    plan.targets.map((target) => {
      const queue = new PQueue({ concurrency: settings.targetConcurrency });
      const governor = new TargetGovernor(queue, {
        maxConcurrency: settings.targetConcurrency,
        maxErrorRate: settings.maxErrorRate,
        now: clock.now,
        sleep: clock.sleep,
        onStop: (reason) => clock.onTargetStopped?.(target.label, reason),
      });
      return [target.label, { queue, governor }];
    }),
  );
}

/** Disposes of every governor, and returns the targets they stopped, with why. */
export function disposeGovernors(governors: Map<string, GovernedQueue>): Array<{ target: string; reason: string }> {
  return [...governors.entries()].flatMap(([target, { governor }]) => {
    governor.dispose();
    return governor.stopReason ? [{ target, reason: governor.stopReason }] : [];
  });
}
