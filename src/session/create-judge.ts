import { generateText, type LanguageModel } from 'ai';
import { InputError } from '../config/errors.ts';
import type { Case } from '../datasets/case.ts';
import { everyAssertion } from '../datasets/every-assertion.ts';
import { checkedUsage, noRedirectFetch } from '../runner/index.ts';
import { buildJudgePrompt, parseJudgeVerdict, type Judge } from '../scoring/index.ts';
import { computeCost, resolveTargets, type PriceTable, type Target } from '../targets/index.ts';

/** Whether any llm-judge assertion (a case's, or a step's) names no judge of its own, and so needs the run's `--judge`. */
export function needsDefaultJudge(cases: readonly Case[]): boolean {
  return cases.some((testCase) => everyAssertion(testCase).some((assertion) => assertion.type === 'llm-judge' && assertion.judge === undefined));
}

/** The judge specs a dataset needs: each llm-judge assertion's own (a case's or a step's), or the run's `--judge`. */
export function judgeSpecsOf(cases: Case[], defaultJudge: string | undefined): string[] {
  const specs = new Set<string>();
  const missing: string[] = [];
  for (const testCase of cases) {
    for (const assertion of everyAssertion(testCase)) {
      if (assertion.type !== 'llm-judge') continue;
      const spec = typeof assertion.judge === 'string' ? assertion.judge : defaultJudge;
      if (spec) specs.add(spec);
      else missing.push(testCase.id);
    }
  }
  if (missing.length > 0) {
    throw new InputError(
      `llm-judge needs a judge model: give --judge <target spec>, or "judge" in the assertion (cases: ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ', …' : ''})`,
    );
  }
  return [...specs];
}

/** The judge targets, by spec; missing keys are reported with the run's other targets' problems. */
export function resolveJudgeTargets(specs: string[], environment: Record<string, string | undefined>, prices: PriceTable): Map<string, Target> {
  // A `simulated:` judge is resolved as its route; the caller gives it the simulator's environment.
  const targets = resolveTargets(specs.map((spec) => spec.replace(/^\s*simulated:/, '')), { environment, prices });
  return new Map(targets.map((target, index) => [specs[index] ?? target.label, target]));
}

/**
 * The judge for llm-judge assertions: the judge target at temperature 0, with its own retries
 * (the judge's latency is not measured), its usage and cost reported separately from the
 * answer's. Its keys were checked with the other targets before the run.
 */
export function createJudge(input: {
  /** By spec, as resolveJudgeTargets returns them. */
  targets: Map<string, Target>;
  defaultJudge: string | undefined;
  redact: (text: string) => string;
  /** Bounds each judge call (with its retries), as --timeout-ms bounds an answer. */
  timeoutMs: number;
  /** Abandons judge calls in flight (a second Ctrl-C, or the end of the drain). */
  interrupt?: AbortSignal;
}): Judge | undefined {
  if (input.targets.size === 0) return undefined;
  // One model per judge, made on its first call: making one builds the provider package's schemas.
  const models = new Map<Target, LanguageModel>();
  const modelOf = (target: Target) => {
    let model = models.get(target);
    if (!model) {
      // Redirects are not followed: one would carry the judge's key to wherever it points.
      model = target.createModel(noRedirectFetch);
      models.set(target, model);
    }
    return model;
  };
  return async (request) => {
    const spec = request.judge ?? input.defaultJudge ?? '';
    const target = input.targets.get(spec);
    if (!target) throw new Error(`judge ${spec} was not prepared`);
    const { system, prompt } = buildJudgePrompt(request);
    // A judge that hangs must not hang the run: the answer is then unscored, never lost.
    const signals = [AbortSignal.timeout(input.timeoutMs), request.signal, input.interrupt].filter((signal) => signal !== undefined);
    const result = await generateText({
      model: modelOf(target),
      instructions: system,
      prompt,
      temperature: 0,
      maxRetries: 2,
      ...(target.providerOptions ? { providerOptions: target.providerOptions } : {}),
      abortSignal: AbortSignal.any(signals),
    });
    // Counts that cannot be (negative, huge) are left out: the judge's cost is then unknown, never negative.
    const checked = checkedUsage(result.usage);
    const usage = { inputTokens: checked.inputTokens, outputTokens: checked.outputTokens };
    const costUsd = computeCost(usage, target.price);
    const paid = { usage, ...(costUsd !== undefined ? { costUsd } : {}) };
    try {
      const verdict = parseJudgeVerdict(result.text);
      return { score: verdict.score, reason: input.redact(verdict.reason), ...paid };
    } catch (error) {
      // No verdict: the answer stays unscored, and the judge call is still accounted for.
      return { reason: input.redact((error as Error).message), ...paid };
    }
  };
}
