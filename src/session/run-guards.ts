import { constants, statSync } from 'node:fs';
import { access } from 'node:fs/promises';
import type { ModelMessage } from 'ai';
import { InputError } from '../config/errors.ts';
import { makeDirectory } from '../records/index.ts';
import { BudgetGuard, ResponseCache, type PlannedRequest, type RunDependencies } from '../runner/index.ts';
import { messagesText } from '../runner/token-counter.ts';
import { computeCost, type Target } from '../targets/index.ts';
import type { EvalSettings } from '../config/settings/eval-settings.ts';
import { maxOutputTokensOf } from '../runner/run-attempt.ts';
import type { Case, CaseStep } from '../datasets/case.ts';
import { stepDependencies } from '../runner/pipeline/step-order.ts';
import type { StepTargets } from './step-targets.ts';

/**
 * Input tokens one image may cost at most, on the providers' own formulas at their size caps.
 * OpenAI's tiled models scale an image into 2048 × 2048, then its short side to 768, and bill per
 * 512-pixel tile, at most 8 (2048 × 768): GPT-4o 85 + 170 per tile, 1,445 at 8 tiles; GPT-4o
 * mini 2,833 + 5,667 per tile, 48,169 at 8 (about $0.0072 at its price, twice GPT-4o's $0.0036).
 * OpenAI's patch models bill at most 1,536 32-pixel patches times a model multiplier. Anthropic:
 * width × height / 750 at about 1.15 megapixels, about 1,600, which also covers the rest.
 */
const imageTokenRules: Array<{ model: RegExp; tokens: number }> = [
  { model: /gpt-4o-mini/i, tokens: 2_833 + 8 * 5_667 },
  { model: /gpt-4\.1-nano|gpt-5-nano/i, tokens: Math.ceil(1_536 * 2.46) },
  { model: /o4-mini/i, tokens: Math.ceil(1_536 * 1.72) },
  { model: /gpt-4\.1-mini|gpt-5-mini/i, tokens: Math.ceil(1_536 * 1.62) },
];
const otherModelImageTokens = 1_600;

/** By the model id and the price row's model name (an Azure deployment is matched by its name). */
function worstCaseImageTokens(target: Pick<Target, 'spec' | 'price'>): number {
  const names = `${target.spec.modelId} ${target.price?.model ?? ''}`;
  return imageTokenRules.find((rule) => rule.model.test(names))?.tokens ?? otherModelImageTokens;
}

function imageParts(messages: readonly ModelMessage[]): number {
  return messages.reduce(
    (count, message) => count + (typeof message.content === 'string' ? 0 : message.content.filter((part) => part.type === 'file' || part.type === 'image').length),
    0,
  );
}

export type BudgetPlan = { dependency: NonNullable<RunDependencies['budget']>; worstCaseTotalUsd: number };

/**
 * `--max-cost`: every target needs a price, and each request's worst case is its input plus
 * `--max-tokens` of output at that price.
 */
export function planBudget(
  options: Pick<EvalSettings, 'maxCost' | 'maxTokens'>,
  targets: Target[],
  requests: PlannedRequest[],
  countTokens: (text: string) => number,
  /**
   * `warmup`: unrecorded requests per target, paid for like the others. `alreadySpentUsd`: what
   * the run spent before, when resuming: the budget is the whole run's.
   */
  extra: { warmup: number; alreadySpentUsd: number; steps?: StepTargets } = { warmup: 0, alreadySpentUsd: 0 },
): BudgetPlan | undefined {
  if (options.maxCost === undefined) return undefined;
  // A step sent to another target is paid at that target's price.
  targets = [...targets, ...(extra.steps?.extraTargets ?? [])];
  // A case's own output bound (a synthetic case's length) bounds its requests whatever the target's.
  const unbounded = targets
    .filter((target) => maxOutputTokensOf(target, { maxOutputTokens: options.maxTokens }) === undefined)
    .filter((target) => requests.some((request) => request.target === target && request.testCase.maxOutputTokens === undefined) || !requests.some((request) => request.target === target))
    .map((target) => target.label);
  if (unbounded.length > 0) {
    throw new InputError(`--max-cost needs --max-tokens: without it, the worst case of a request in flight has no bound (targets without one: ${unbounded.join(', ')})`);
  }
  const unpriced = targets.filter((target) => !target.price).map((target) => target.label);
  if (unpriced.length > 0) {
    throw new InputError(`--max-cost needs a price for every target; none in the price table for: ${unpriced.join(', ')} (add them with --prices)`);
  }
  // By the case as sent: each prompt variant makes its own case object from the same id.
  const inputs = new WeakMap<PlannedRequest['testCase'], { tokens: number; images: number }>();
  const maxOutput = (target: Target) => maxOutputTokensOf(target, { maxOutputTokens: options.maxTokens }) ?? 0;
  const worstCaseUsd = (request: PlannedRequest): number => {
    // A multi-call case, as planned: the sum over its steps, each with the most the answers it embeds can hold.
    if (request.testCase.calls) return multiCallWorstCaseUsd(request, extra.steps, maxOutput, (step, target, embedded) => worstCaseUsd({ ...request, testCase: { ...request.testCase, calls: undefined, ...step }, target }) + (computeCost({ inputTokens: embedded, outputTokens: 0 }, target.price) ?? 0));
    let input = inputs.get(request.testCase);
    if (input === undefined) {
      const { messages, system, tools, schema } = request.testCase;
      // Tool definitions and an output schema are sent, and billed, as input too.
      const extras = [tools, schema].flatMap((value) => (value === undefined ? [] : [JSON.stringify(value)]));
      input = { tokens: countTokens([messagesText(messages, system), ...extras].join('\n')), images: imageParts(messages) };
      inputs.set(request.testCase, input);
    }
    const images = input.images === 0 ? 0 : input.images * worstCaseImageTokens(request.target);
    // A margin on the estimated input: providers count a few tokens per message of overhead.
    const outputTokens = request.testCase.maxOutputTokens ?? maxOutputTokensOf(request.target, { maxOutputTokens: options.maxTokens }) ?? 0;
    return computeCost({ inputTokens: Math.ceil(input.tokens * 1.1) + 16 + images, outputTokens }, request.target.price) ?? 0;
  };
  const warmupsUsd = targets.reduce((sum, target) => {
    const first = requests.find((request) => request.target === target);
    return sum + (first ? extra.warmup * worstCaseUsd(first) : 0);
  }, 0);
  const worstCaseTotalUsd = requests.reduce((sum, request) => sum + worstCaseUsd(request), warmupsUsd);
  return { dependency: { guard: new BudgetGuard(options.maxCost, extra.alreadySpentUsd), worstCaseUsd }, worstCaseTotalUsd };
}

/**
 * The worst case of a multi-call case: each step's input as written, plus the most output tokens
 * each answer it embeds may hold (a pipeline: once per placeholder naming that step; a
 * conversation turn: every earlier answer), and its own output at its own target's price.
 */
function multiCallWorstCaseUsd(
  request: PlannedRequest,
  steps: StepTargets | undefined,
  maxOutput: (target: Target) => number,
  stepUsd: (step: Pick<Case, 'messages' | 'system' | 'tools' | 'schema'>, target: Target, embeddedTokens: number) => number,
): number {
  const calls = request.testCase.calls!;
  const targetOf = (step: CaseStep) => steps?.stepTarget(request.target, step) ?? request.target;
  const byName = new Map(calls.steps.map((step) => [step.name, step]));
  return calls.steps.reduce((sum, step, index) => {
    const target = targetOf(step);
    let embedded = 0;
    let messages = step.messages;
    if (calls.kind === 'conversation') {
      messages = [...request.testCase.messages.slice(0, -1), ...calls.steps.slice(0, index).flatMap((turn) => turn.messages), ...step.messages];
      embedded = stepDependencies(calls, step).reduce((total, name) => total + maxOutput(targetOf(byName.get(name)!)), 0);
    } else {
      const text = JSON.stringify([step.messages, step.system ?? '']);
      for (const found of text.matchAll(/\{\{\s*steps\.([\w-]+)\./g)) {
        const named = byName.get(found[1] ?? '');
        if (named) embedded += maxOutput(targetOf(named));
      }
    }
    const { system, tools, schema } = step;
    return sum + stepUsd({ messages, ...(system !== undefined ? { system } : {}), ...(tools !== undefined ? { tools } : {}), ...(schema !== undefined ? { schema } : {}) }, target, embedded);
  }, 0);
}

/**
 * `--cache`: keyed by everything that decides the answer. Bypassed when repeats measure variance:
 * a cached repeat would be the same answer again, not a new sample.
 */
export async function planCache(options: Pick<EvalSettings, 'cache' | 'cacheDir' | 'maxTokens' | 'temperature'>, repeats: number, cacheDirName = '--cache-dir'): Promise<RunDependencies['cache']> {
  if (!options.cache || repeats > 1) return undefined;
  // A cache that cannot be written would fail every store silently, and save nothing. A path
  // through a file (ENOTDIR) or a folder it may not enter (EACCES) is refused the same way.
  try {
    const existing = statSync(options.cacheDir, { throwIfNoEntry: false });
    if (existing && !existing.isDirectory()) throw new InputError(`${cacheDirName} ${options.cacheDir} is a file, not a folder`);
    await makeDirectory(options.cacheDir);
    await access(options.cacheDir, constants.W_OK);
  } catch (error) {
    if (error instanceof InputError) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new InputError(`${cacheDirName} ${options.cacheDir} cannot be created or written (${code})`, { cause: error });
  }
  const store = new ResponseCache(options.cacheDir);
  return {
    store,
    keyOf: (request) =>
      ResponseCache.key({
        route: {
          kind: request.target.spec.kind,
          model: request.target.spec.modelId,
          baseURL: request.target.spec.baseURL,
          providers: request.target.spec.providerOrder,
        },
        prompt: request.prompt,
        system: request.testCase.system,
        messages: request.testCase.messages,
        // What caseRequestOptions sends besides the messages: the same prompt with other tools,
        // another tool choice or another schema asks for a different answer.
        tools: request.testCase.tools,
        toolChoice: request.testCase.toolChoice,
        schema: request.testCase.schema,
        maxTokens: request.testCase.maxOutputTokens ?? maxOutputTokensOf(request.target, { maxOutputTokens: options.maxTokens }),
        temperature: request.target.temperature ?? options.temperature,
      }),
  };
}

/** The notice printed before a budgeted run: what it may cost at most, and what was spent. */
export function describeBudget(options: Pick<EvalSettings, 'maxCost' | 'maxTokens'>, requests: number, warmups: number, spentUsd: number, worstCaseUsd: number): string {
  const usd = (value: number) => `$${value.toPrecision(3)}`;
  const limit = options.maxCost ?? 0;
  return (
    `Budget $${limit}: ` +
    (spentUsd > 0 ? `${usd(spentUsd)} already spent by this run; ` : '') +
    `the ${requests} requests${warmups > 0 ? ` and ${warmups} warm-up requests` : ''} cost at most ${usd(worstCaseUsd)} ` +
    `(every input, and ${options.maxTokens ?? 'each target\'s maximum'} output tokens each, before retries)` +
    (spentUsd + worstCaseUsd > limit ? '; scheduling stops before the budget could be passed.' : '.')
  );
}
