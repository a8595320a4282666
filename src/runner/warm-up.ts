import PQueue from 'p-queue';
import type { Target } from '../targets/index.ts';
import { budgetedAttempt, type BudgetedAttemptDependencies } from './budgeted-attempt.ts';
import type { Plan, PlannedRequest } from './plan-run.ts';
import type { AttemptSettings } from './run-attempt.ts';
import { maxOutputTokensOf } from './run-attempt.ts';

/**
 * The most output tokens a warm-up asks for. Its one-time costs (the connection, the code's first
 * run, the server's routing) are paid by any answer; a whole one would only delay the first
 * measured request (64 tokens at 160 tokens/s: 0.4 s). 16, not 1: the smallest bound every
 * provider API takes (OpenAI's Responses API refuses fewer).
 */
export const warmupMaxOutputTokens = 16;

/**
 * Runs `settings.warmup` unrecorded requests per target (each target's first request, one after
 * another; targets side by side) and returns what they cost.
 *
 * A warm-up warms the connection, not the provider's prompt cache: it always opens with a
 * --cache-bust nonce, or the first recorded request (the same case) would be measured warm, and,
 * where the cases share a prefix (long-context-needles), every one of them. It asks for at most
 * `warmupMaxOutputTokens` of output (see `warmupRequest`).
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
      const request = warmupRequest(first, settings);
      for (let index = 0; index < settings.warmup; index++) {
        if (dependencies.signal?.aborted) return;
        // Warm-ups are paid for like any request: they come out of the budget too.
        const attempt = await budgetedAttempt(request, busted, dependencies);
        if (!attempt) return;
        costUsd += attempt.bookedUsd;
      }
    })),
  );
  return costUsd;
}

/**
 * The warm-up's form of a target's first request: its output bounded by `warmupMaxOutputTokens`
 * (or the smaller bound the case, the target or --max-tokens sets). Not when the target sets
 * provider options other than the AI Gateway's routing: a thinking budget (Anthropic's must be
 * below the request's max tokens) would make the short request one the provider refuses.
 */
export function warmupRequest(first: PlannedRequest, settings: Pick<AttemptSettings, 'maxOutputTokens'>): PlannedRequest {
  if (hasModelOptions(first.target)) return first;
  const bound = first.testCase.maxOutputTokens ?? maxOutputTokensOf(first.target, settings);
  const maxOutputTokens = Math.min(bound ?? warmupMaxOutputTokens, warmupMaxOutputTokens);
  return { ...first, testCase: { ...first.testCase, maxOutputTokens } };
}

function hasModelOptions(target: Pick<Target, 'providerOptions'>): boolean {
  return Object.keys(target.providerOptions ?? {}).some((provider) => provider !== 'gateway');
}
