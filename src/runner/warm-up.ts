import PQueue from 'p-queue';
import { budgetedAttempt, type BudgetedAttemptDependencies } from './budgeted-attempt.ts';
import type { Plan } from './plan-run.ts';
import type { AttemptSettings } from './run-attempt.ts';

/**
 * Runs `settings.warmup` unrecorded requests per target (each target's first request, one after
 * another; targets side by side) and returns what they cost.
 *
 * A warm-up warms the connection, not the provider's prompt cache: it always opens with a
 * --cache-bust nonce, or the first recorded request (the same case) would be measured warm, and,
 * where the cases share a prefix (long-context-needles), every one of them.
 */
export async function warmUp(
  plan: Plan,
  settings: AttemptSettings & { warmup: number; concurrency: number },
  dependencies: BudgetedAttemptDependencies & { signal?: AbortSignal },
): Promise<number> {
  if (settings.warmup <= 0) return 0;
  let costUsd = 0;
  // --concurrency bounds warm-ups too: each target's run one after another, targets side by side.
  const queue = new PQueue({ concurrency: settings.concurrency });
  const busted: AttemptSettings = { ...settings, cacheBust: true };
  await Promise.all(
    plan.targets.map((target) => queue.add(async () => {
      const first = plan.requests.find((request) => request.target === target);
      if (!first) return;
      for (let index = 0; index < settings.warmup; index++) {
        if (dependencies.signal?.aborted) return;
        // Warm-ups are paid for like any request: they come out of the budget too.
        const attempt = await budgetedAttempt(first, busted, dependencies);
        if (!attempt) return;
        costUsd += attempt.bookedUsd;
      }
    })),
  );
  return costUsd;
}
