import type { Case, CaseStep } from '../../datasets/case.ts';
import { computeCost } from '../../targets/compute-cost.ts';
import { caseCallShapes, type CallShape } from './case-call-shapes.ts';
import type { CallTarget, EstimateTotal, ExpectedOutputSource, RunEstimate, TargetEstimate, Tokenizer } from './estimate-types.ts';
import type { PastOutputTokens } from './past-output-tokens.ts';
import { approximateTokens, tokenizerOf } from './tokenizer-of.ts';

export type EstimateInput<T extends CallTarget> = {
  /** The plan's slots, in order: each case as sent (its prompt variant applied) and its run target. */
  requests: ReadonlyArray<{ testCase: Case; target: T }>;
  targets: readonly T[];
  /** Unrecorded warm-up requests per target, paid for like the others (each its first call). */
  warmup: number;
  /** The run's --max-tokens. */
  maxTokens?: number | undefined;
  /** Where a step goes: its own target, or the run target (the default). */
  stepTarget?: (target: T, step: CaseStep) => CallTarget;
  /** o200k_base's count of a text (see src/runner/token-counter.ts). */
  countO200k: (text: string) => number;
  pastOutput?: PastOutputTokens | undefined;
  fromRun?: string;
};

/**
 * Tokens OpenAI adds around each chat message and before the answer: the count of a chat's text
 * is a little short of what is billed.
 */
export const tokensPerMessage = 3;
export const tokensPerRequest = 3;

/** One call's figures: input without embedded answers, and output expected and at worst. */
type CallFigures = { shape: CallShape; target: CallTarget; baseInput: number; expected?: number; expectedFromPast: boolean; worst?: number };

/**
 * Estimates a run's requests, tokens and cost per target and in total, from the plan alone: it
 * sends nothing. Pure, given the token counter.
 */
export function estimateRun<T extends CallTarget>(input: EstimateInput<T>): RunEstimate {
  const count = tokenCounter(input.countO200k);
  const shapes = new WeakMap<Case, CallShape[]>();
  const byTarget = new Map(input.targets.map((target) => [target.label, emptyEstimate(target)]));
  const firstCall = new Map<string, CallFigures>();
  for (const { testCase, target } of input.requests) {
    const estimate = byTarget.get(target.label)!;
    let caseShapes = shapes.get(testCase);
    if (!caseShapes) shapes.set(testCase, (caseShapes = caseCallShapes(testCase)));
    const calls = caseShapes.map((shape): CallFigures => {
      const callTarget = shape.step && input.stepTarget ? input.stepTarget(target, shape.step) : target;
      const tokenizer = tokenizerOf(callTarget);
      if (!estimate.tokenizers.includes(tokenizer)) estimate.tokenizers.push(tokenizer);
      const baseInput = count(shape.text, tokenizer) + tokensPerMessage * shape.messages + tokensPerRequest;
      const worst = testCase.maxOutputTokens ?? callTarget.maxOutputTokens ?? input.maxTokens;
      const past = input.pastOutput?.meanOf(target.label, testCase, shape.step?.name);
      return { shape, target: callTarget, baseInput, ...(past !== undefined || worst !== undefined ? { expected: past ?? worst } : {}), expectedFromPast: past !== undefined, ...(worst !== undefined ? { worst } : {}) };
    });
    if (!firstCall.has(target.label) && calls[0]) firstCall.set(target.label, calls[0]);
    addCalls(estimate, calls);
  }
  for (const target of input.targets) {
    const first = firstCall.get(target.label);
    if (!first || input.warmup <= 0) continue;
    const estimate = byTarget.get(target.label)!;
    for (let index = 0; index < input.warmup; index++) addCalls(estimate, [first]);
    estimate.warmups = input.warmup;
  }
  const targets = [...byTarget.values()];
  return {
    targets,
    total: totalOf(targets),
    ...(input.maxTokens !== undefined ? { maxTokens: input.maxTokens } : {}),
    ...(input.fromRun !== undefined ? { fromRun: input.fromRun } : {}),
  };
}

function tokenCounter(countO200k: (text: string) => number): (text: string, tokenizer: Tokenizer) => number {
  // The same prompt goes to every target and repeat: counted once per tokenizer.
  const counted = new Map<string, number>();
  return (text, tokenizer) => {
    if (tokenizer === 'chars/4') return approximateTokens(text);
    let tokens = counted.get(text);
    if (tokens === undefined) counted.set(text, (tokens = countO200k(text)));
    return tokens;
  };
}

function emptyEstimate(target: CallTarget): TargetEstimate {
  return {
    target: target.label,
    simulated: target.simulated,
    requests: 0,
    warmups: 0,
    inputTokens: 0,
    worstInputTokens: 0,
    inputLowerBound: false,
    tokenizers: [],
    images: 0,
    expectedOutputTokens: 0,
    worstOutputTokens: 0,
    inputUsd: 0,
    expectedUsd: 0,
    worstUsd: 0,
    unpriced: [],
  };
}

/** Adds one slot's calls (or one warm-up) to its target's figures; an unknown figure stays unknown. */
function addCalls(estimate: TargetEstimate, calls: CallFigures[]): void {
  const byStep = new Map(calls.flatMap((call) => (call.shape.step ? [[call.shape.step.name, call] as const] : [])));
  const embedded = (call: CallFigures, figure: 'expected' | 'worst'): number | undefined => {
    let tokens = 0;
    for (const [step, times] of call.shape.embeds) {
      const answer = byStep.get(step)?.[figure];
      if (answer === undefined) return undefined;
      tokens += times * answer;
    }
    return tokens;
  };
  for (const call of calls) {
    estimate.requests += 1;
    estimate.images += call.shape.images;
    const expectedEmbedded = embedded(call, 'expected');
    const worstEmbedded = embedded(call, 'worst');
    const expectedInput = call.baseInput + (expectedEmbedded ?? worstEmbedded ?? 0);
    if (expectedEmbedded === undefined && worstEmbedded === undefined && call.shape.embeds.size > 0) estimate.inputLowerBound = true;
    estimate.inputTokens += expectedInput;
    const worstInput = worstEmbedded === undefined ? undefined : call.baseInput + worstEmbedded;
    estimate.worstInputTokens = sum(estimate.worstInputTokens, worstInput);
    estimate.expectedOutputTokens = sum(estimate.expectedOutputTokens, expectedEmbedded === undefined ? undefined : call.expected);
    estimate.worstOutputTokens = sum(estimate.worstOutputTokens, call.worst);
    if (call.expected !== undefined) estimate.expectedFrom = mergeSource(estimate.expectedFrom, call.expectedFromPast ? 'past run' : 'max tokens');
    if (!call.target.price && !call.target.simulated && !estimate.unpriced.includes(call.target.label)) estimate.unpriced.push(call.target.label);
    const usd = (inputTokens: number | undefined, outputTokens: number | undefined) =>
      call.target.simulated ? 0 : inputTokens === undefined || outputTokens === undefined ? undefined : computeCost({ inputTokens, outputTokens }, call.target.price);
    estimate.inputUsd = sum(estimate.inputUsd, usd(expectedInput, 0));
    estimate.expectedUsd = sum(estimate.expectedUsd, expectedEmbedded === undefined ? undefined : usd(expectedInput, call.expected));
    estimate.worstUsd = sum(estimate.worstUsd, usd(worstInput, call.worst));
  }
}

const sum = (total: number | undefined, value: number | undefined): number | undefined => (total === undefined || value === undefined ? undefined : total + value);

function mergeSource(before: ExpectedOutputSource | undefined, source: 'past run' | 'max tokens'): ExpectedOutputSource {
  return before === undefined || before === source ? source : 'past run and max tokens';
}

function totalOf(targets: TargetEstimate[]): EstimateTotal {
  const add = (figure: 'worstInputTokens' | 'expectedOutputTokens' | 'worstOutputTokens' | 'inputUsd' | 'expectedUsd' | 'worstUsd') =>
    targets.reduce<number | undefined>((total, target) => sum(total, target[figure]), 0);
  const total: EstimateTotal = {
    requests: targets.reduce((total, target) => total + target.requests, 0),
    paidRequests: targets.reduce((total, target) => total + (target.simulated ? 0 : target.requests), 0),
    warmups: targets.reduce((total, target) => total + target.warmups, 0),
    inputTokens: targets.reduce((total, target) => total + target.inputTokens, 0),
    inputLowerBound: targets.some((target) => target.inputLowerBound),
    images: targets.reduce((total, target) => total + target.images, 0),
  };
  for (const figure of ['worstInputTokens', 'expectedOutputTokens', 'worstOutputTokens', 'inputUsd', 'expectedUsd', 'worstUsd'] as const) {
    const value = add(figure);
    if (value !== undefined) total[figure] = value;
  }
  return total;
}
