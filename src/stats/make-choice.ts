import type { AttemptRecord } from '../records/attempt-record.ts';
import { caseAssertions } from './case-assertions.ts';
import type { CasePair } from './case-comparison.ts';
import { caseOutcomes, type CaseOutcome } from './case-outcomes.ts';
import { choiceOption, type ChoiceOption } from './choice-option.ts';
import { compareCases, type CompareOptions } from './compare-cases.ts';
import { paretoFrontier, type Objective } from './pareto-frontier.ts';
import { recommend, type Recommendation } from './recommend.ts';

/** A figure the frontier weighs, by the name the output gives it. */
export type FrontierFigure = 'pass rate' | 'cost per request' | 'TTFT p50' | 'e2e p50';

/** An option with its place on the Pareto frontier. */
export type WeighedOption = ChoiceOption & {
  onFrontier: boolean;
  /** The options at least as good on every figure and better on one (a figure neither knows left out). */
  dominatedBy: Array<{ target: string; prompt: string }>;
  /**
   * The options that would dominate it on the figures both know, but one of the two lacks a
   * figure the other has: with none dominating it, the option is not placed (neither on the frontier nor dominated).
   */
  undecidedBy: Array<{ target: string; prompt: string }>;
  /** Figures this option lacks (no price, nothing answered, too few answers). */
  missing: FrontierFigure[];
};

/** What `choose` makes of one run. */
export type Choice = {
  runId: string;
  incomplete: boolean;
  options: WeighedOption[];
  recommendation: Recommendation;
};

export type ChoiceInput = {
  runId: string;
  incomplete: boolean;
  simulatedTargets: readonly string[];
  /** (target, prompt) in plan order. */
  pairs: ReadonlyArray<{ target: string; prompt: string }>;
  records: readonly AttemptRecord[];
};

const objectives: Array<Objective<ChoiceOption> & { name: FrontierFigure }> = [
  { name: 'pass rate', better: 'higher', value: (option) => option.passRate },
  { name: 'cost per request', better: 'lower', value: (option) => option.costPerRequestUsd },
  { name: 'TTFT p50', better: 'lower', value: (option) => option.ttftP50Ms?.estimate },
  { name: 'e2e p50', better: 'lower', value: (option) => option.e2eP50Ms?.estimate },
];

/**
 * The run's options weighed: each (target, prompt)'s figures, the frontier over quality, cost and
 * latency, and the recommendation. Pure: the same records give the same choice, the bootstrap
 * included (seeded).
 */
export function makeChoice(input: ChoiceInput, options: CompareOptions = {}): Choice {
  const simulated = new Set(input.simulatedTargets);
  // Whether a case has assertions, from any target's answers, as the run summary knows it.
  const assertions = caseAssertions(input.records);
  const sent = input.pairs.flatMap((pair) => {
    const records = input.records.filter((record) => record.target === pair.target && record.prompt === pair.prompt);
    // A pair the run never sent to (a stopped target, an incomplete run) has nothing to weigh.
    if (records.length === 0) return [];
    const outcomes = caseOutcomes(records);
    return [{ option: choiceOption({ ...pair, simulated: simulated.has(pair.target) }, records, [...outcomes.values()], assertions), outcomes }];
  });
  const choiceOptions = sent.map(({ option }) => option);
  const frontier = paretoFrontier(choiceOptions, objectives);
  const outcomesOf = new Map(sent.map(({ option, outcomes }) => [option, outcomes]));
  const recommendation = recommend({
    options: choiceOptions,
    undominated: frontier.map((entry) => entry.dominatedBy.length === 0),
    // Each candidate is tested on its own, without Holm's correction: a correction would make
    // "not detectably worse" easier to reach, and so a cheaper model easier to recommend.
    compare: (base, current) => {
      const pairs = casePairs(outcomesOf.get(base)!, outcomesOf.get(current)!);
      if (pairs.length === 0) return undefined;
      return compareCases({ target: current.target, prompt: current.prompt, baseTarget: base.target, basePrompt: base.prompt }, pairs, options);
    },
    incomplete: input.incomplete,
  });
  return {
    runId: input.runId,
    incomplete: input.incomplete,
    options: frontier.map((entry) => ({
      ...entry.item,
      onFrontier: entry.onFrontier,
      dominatedBy: entry.dominatedBy.map((index) => ({ target: choiceOptions[index]!.target, prompt: choiceOptions[index]!.prompt })),
      undecidedBy: entry.undecidedBy.map((index) => ({ target: choiceOptions[index]!.target, prompt: choiceOptions[index]!.prompt })),
      missing: entry.missing as FrontierFigure[],
    })),
    recommendation,
  };
}

/** The cases both options saw, in the base's order. */
function casePairs(base: Map<string, CaseOutcome>, current: Map<string, CaseOutcome>): CasePair[] {
  return [...base.values()].flatMap((outcome) => {
    const other = current.get(outcome.key);
    if (!other) return [];
    return [{ key: outcome.key, ...(outcome.dataset !== undefined ? { dataset: outcome.dataset } : {}), caseId: outcome.caseId, base: outcome, current: other }];
  });
}
