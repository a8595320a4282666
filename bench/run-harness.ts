import type { Case } from '../src/datasets/case.ts';
import { loadTokenCounter, planRun, runPlan } from '../src/runner/index.ts';
import { engineAttempt, startLeanEngine } from '../src/runner/lean/engine-attempt.ts';
import { prepareRequests } from '../src/runner/lean/prepared-request.ts';
import { resolveTargets } from '../src/targets/index.ts';

/**
 * The measured request path as `llm-bench run` drives it (planRun, runPlan, transport worker),
 * without the CLI's disk and terminal: `requests` cases to one simulated model.
 */
export async function runHarness(options: { url: string; model: string; requests: number; concurrency: number; warmup: number; engine?: 'sdk' | 'lean' }) {
  const [target] = resolveTargets([`openai-compatible:${options.model}@${options.url}/v1`], { environment: {}, prices: new Map() });
  // Each prompt is unique, and the echo policy answers with it: a record pairs with its server record by text.
  const cases: Case[] = Array.from({ length: options.requests }, (_unused, index) => ({
    id: `c${index}`,
    line: index + 1,
    messages: [{ role: 'user', content: `Please repeat item ${index} back to me now` }],
    assert: [],
    tags: [],
    vars: {},
  }));
  const settings = {
    concurrency: options.concurrency,
    targetConcurrency: options.concurrency,
    warmup: options.warmup,
    maxRetries: 0,
    maxErrorRate: 1,
    timeoutMs: 60_000,
    stallTimeoutMs: 30_000,
  };
  const countTokens = await loadTokenCounter();
  const plan = planRun({ cases, targets: [target!], repeats: 1 });
  // As `llm-bench run` does (src/session/execute-plan.ts): the lean engine's requests are built,
  // and its workers started, before the clock starts.
  if (options.engine === 'lean') await Promise.all([prepareRequests(plan.requests, settings), startLeanEngine()]);
  const startedAt = performance.now();
  const { records } = await runPlan(plan, settings, {
    redact: (text) => text,
    countTokens,
    onRecord: () => {},
    // `--engine`: the SDK's runAttempt (the default), or the lean engine's workers.
    ...(options.engine === 'lean' ? { attempt: engineAttempt({ engine: 'lean', load: true, targets: [target!], settingName: '--engine' })! } : {}),
  });
  // The lean engine's workers stay for the next run (one pool per process, as in `llm-bench run`):
  // the caller ends them with closeLeanEngine.
  return { records, wallMs: performance.now() - startedAt };
}
