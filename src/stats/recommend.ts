import { caseLabel, type CaseIdentity } from '../records/case-key.ts';
import { passShare } from './case-outcomes.ts';
import type { PairComparison, Verdict } from './case-comparison.ts';
import { missingCostReason, type ChoiceOption } from './choice-option.ts';
import type { Interval } from './proportion-interval.ts';

/** A cheaper option weighed against the best one, on the cases both saw. */
export type CandidateEvidence = {
  target: string;
  prompt: string;
  verdict: Verdict;
  /** Cases that count on both sides. */
  cases: number;
  /** Candidate − best pass rate, as a fraction (−0.02 is 2 points down); undefined with no case to compare. */
  difference: number | undefined;
  interval: Interval | undefined;
  minimumDetectable: number | undefined;
  /** Candidate's cost per request / the best one's. */
  costRatio: number;
  /** Cases the best option passed more often than the candidate, in the comparison's order. */
  lost: CaseIdentity[];
  /** Datasets the compared cases come from: with more than one, the lost cases are grouped by dataset. */
  datasets: number;
};

export type Recommendation = {
  /** Undefined when no option has a pass rate. */
  recommended: { target: string; prompt: string } | undefined;
  /** The highest pass rate (the cheaper per request of a tie). */
  best: { target: string; prompt: string } | undefined;
  /** Every cheaper frontier option weighed, cheapest first, up to the one recommended. */
  candidates: CandidateEvidence[];
  caveats: string[];
  /** The recommendation in one paragraph, built from the figures above only. */
  paragraph: string;
};

export type RecommendInput = {
  /** In the run's order. */
  options: readonly ChoiceOption[];
  /**
   * options[i] is not shown to be dominated: on the Pareto frontier, or not placed because a figure
   * only one side knows (an unpriced option's cost) leaves it undecided. Only these are weighed.
   */
  undominated: readonly boolean[];
  /** The paired comparison of `current` against `base` (compareCases), undefined with no case in common. */
  compare(base: ChoiceOption, current: ChoiceOption): PairComparison | undefined;
  incomplete: boolean;
};

/**
 * Which option to pick, and why: the best pass rate Q, unless a cheaper option not shown to be
 * dominated is not detectably worse than Q on the paired cases, in which case the cheapest such one. Pure and
 * deterministic: the same figures give the same paragraph, word for word.
 */
export function recommend(input: RecommendInput): Recommendation {
  const { options } = input;
  const showPrompt = options.some((option) => option.prompt !== 'default');
  const name = (option: ChoiceOption) => optionName(option, showPrompt);
  const scored = options.filter((option) => option.passRate !== undefined);
  const best = scored.toSorted(byQuality)[0];
  if (!best) {
    return { recommended: undefined, best: undefined, candidates: [], caveats: [], paragraph: 'No option has a pass rate (nothing was scored), so there is nothing to recommend.' };
  }
  const bestCost = best.costPerRequestUsd;
  const cheaper = bestCost === undefined ? [] : options
    .filter((option, index) => input.undominated[index] && option !== best && option.passRate !== undefined && option.costPerRequestUsd !== undefined && option.costPerRequestUsd < bestCost)
    .toSorted((a, b) => a.costPerRequestUsd! - b.costPerRequestUsd!);
  const candidates: CandidateEvidence[] = [];
  let chosen: ChoiceOption | undefined;
  for (const option of cheaper) {
    const evidence = weigh(best, option, input.compare(best, option));
    candidates.push(evidence);
    if (evidence.verdict === 'no detectable change' || evidence.verdict === 'better') {
      chosen = option;
      break;
    }
  }
  const recommended = chosen ?? best;
  const decisive = chosen ? candidates.at(-1) : undefined;
  const caveats = caveatsOf(input, [best, ...(chosen ? [chosen] : [])], decisive, name);
  const reason = chosen && decisive ? matchSentence(name(best), decisive) : bestSentence(best, scored.length, candidates, options, name);
  const paragraph = [`Choose ${name(recommended)}: ${reason}`, ...(caveats.length > 0 ? [`Caveats: ${caveats.join('; ')}.`] : [])].join(' ');
  return { recommended: { target: recommended.target, prompt: recommended.prompt }, best: { target: best.target, prompt: best.prompt }, candidates, caveats, paragraph };
}

/** Highest pass rate first; of a tie, the cheaper per request (an unknown cost last), then the run's order. */
function byQuality(a: ChoiceOption, b: ChoiceOption): number {
  return (b.passRate! - a.passRate!) || (a.costPerRequestUsd ?? Infinity) - (b.costPerRequestUsd ?? Infinity) || 0;
}

function weigh(best: ChoiceOption, candidate: ChoiceOption, comparison: PairComparison | undefined): CandidateEvidence {
  const change = comparison?.passRate;
  const lost = (comparison?.pairs ?? []).filter((pair) => {
    const base = passShare(pair.base);
    const current = passShare(pair.current);
    return base !== undefined && current !== undefined && current < base;
  });
  return {
    target: candidate.target,
    prompt: candidate.prompt,
    verdict: change?.verdict ?? 'not enough data',
    cases: change?.cases ?? 0,
    difference: change?.difference,
    interval: change?.interval,
    minimumDetectable: change?.minimumDetectable,
    costRatio: candidate.costPerRequestUsd! / best.costPerRequestUsd!,
    lost: lost.map((pair) => ({ ...(pair.dataset !== undefined ? { dataset: pair.dataset } : {}), caseId: pair.caseId })),
    datasets: new Set((comparison?.pairs ?? []).map((pair) => pair.dataset ?? '')).size,
  };
}

function matchSentence(best: string, evidence: CandidateEvidence): string {
  // "Matches" only when the interval rules out a loss of more than 10 points; a wide interval that
  // merely fails to show a loss is said to be that, not a match.
  const wide = evidence.interval !== undefined && evidence.interval.low < -0.1;
  const verb = evidence.verdict === 'better' ? `does better than ${best}` : wide ? `is not shown to be worse than ${best}` : `matches ${best} within the interval`;
  const held = evidence.cases - evidence.lost.length;
  return `it ${verb} (${differenceText(evidence)}) on ${held} of ${evidence.cases} cases at ${percentOfCost(evidence.costRatio)} of the cost; ${lostText(evidence, best)}.`;
}

function bestSentence(best: ChoiceOption, scored: number, candidates: readonly CandidateEvidence[], options: readonly ChoiceOption[], name: (option: ChoiceOption) => string): string {
  const rate = `${points(best.passRate!)}%${best.passRateInterval ? `, 95% CI ${points(best.passRateInterval.low)} to ${points(best.passRateInterval.high)}` : ''}, over ${best.passRateCases} cases`;
  if (scored === 1) return `it is the only option with a pass rate (${rate}).`;
  const head = `it has the highest pass rate (${rate})`;
  if (best.costPerRequestUsd === undefined) return `${head}; its cost is unknown (${missingCostReason(best)}), so no cheaper option could be weighed against it.`;
  if (candidates.length === 0) return `${head}, and no option on the frontier costs less per request.`;
  const optionOf = (evidence: CandidateEvidence) => options.find((option) => option.target === evidence.target && option.prompt === evidence.prompt)!;
  const reasons = candidates.map((evidence) => {
    const candidate = name(optionOf(evidence));
    if (evidence.verdict === 'not enough data') return `${candidate} could not be compared on any case`;
    return `${candidate} is worse (${differenceText(evidence)}) at ${percentOfCost(evidence.costRatio)} of the cost, losing ${evidence.lost.length} of ${evidence.cases} cases`;
  });
  return `${head}, and nothing cheaper matches it: ${reasons.join('; ')}.`;
}

/** `−2.0 points, 95% CI −8.1 to +4.0`. */
function differenceText(evidence: CandidateEvidence): string {
  if (evidence.difference === undefined) return 'no difference could be computed';
  const interval = evidence.interval ? `, 95% CI ${signedPoints(evidence.interval.low)} to ${signedPoints(evidence.interval.high)}` : '';
  return `${signedPoints(evidence.difference)} points${interval}`;
}

/**
 * The cases lost, by dataset when the comparison spans several (`the 4 it lost are all
 * json-extraction`), else by id (at most five named).
 */
function lostText(evidence: CandidateEvidence, best: string): string {
  const { lost } = evidence;
  const label = (identity: CaseIdentity) => (evidence.datasets > 1 ? caseLabel(identity) : identity.caseId);
  if (lost.length === 0) return `it lost no case to ${best}`;
  if (lost.length === 1) return `the one it lost is ${label(lost[0]!)}`;
  if (evidence.datasets > 1) {
    const counts = new Map<string, number>();
    for (const identity of lost) counts.set(identity.dataset ?? '', (counts.get(identity.dataset ?? '') ?? 0) + 1);
    const ranked = [...counts].toSorted((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    const [topName, topCount] = ranked[0]!;
    if (ranked.length === 1) return `the ${lost.length} it lost are all ${topName}`;
    if (topCount * 2 > lost.length) return `${topCount} of the ${lost.length} it lost are ${topName}`;
    return `the ${lost.length} it lost are spread over ${joinAnd(ranked.map(([dataset, count]) => `${dataset} (${count})`))}`;
  }
  const named = lost.slice(0, 5).map(label);
  return lost.length <= 5 ? `the ${lost.length} it lost are ${joinAnd(named)}` : `the ${lost.length} it lost include ${named.join(', ')}`;
}

/** What could mislead a reader of the recommendation: each named with its figure. */
function caveatsOf(input: RecommendInput, involved: readonly ChoiceOption[], decisive: CandidateEvidence | undefined, name: (option: ChoiceOption) => string): string[] {
  const caveats: string[] = [];
  const simulated = involved.filter((option) => option.simulated);
  if (simulated.length > 0) {
    const which = simulated.length === 1 ? `${name(simulated[0]!)} is` : `${joinAnd(simulated.map(name))} are`;
    caveats.push(`${which} simulated: illustrative figures, not measurements`);
  }
  if (input.incomplete) caveats.push('the run is incomplete: some requests were never sent');
  for (const option of involved) {
    if (option.unanswered > 0) caveats.push(`${option.unanswered} of ${name(option)}'s ${option.requests} requests got no answer and count as failed`);
  }
  if (decisive) caveats.push(...powerCaveat(decisive));
  const unpriced = input.options.filter((option) => option.costPerRequestUsd === undefined);
  for (const reason of ['no price', 'nothing answered'] as const) {
    const which = unpriced.filter((option) => missingCostReason(option) === reason);
    if (which.length === 0) continue;
    const names = which.length === 1 ? `${name(which[0]!)} has` : `${joinAnd(which.map(name))} have`;
    const them = which.length === 1 ? 'it' : 'them';
    caveats.push(reason === 'no price' ? `${names} no price: cost is left out when weighing ${them}` : `${names} no cost (nothing answered): cost is left out when weighing ${them}`);
  }
  return caveats;
}

/**
 * How large a loss the decisive comparison could have missed: the smallest difference it detects
 * at 80% power when that is above 10 points, or, when not even every case flipping would be
 * detected (3 to 5 cases), that no difference could be.
 */
function powerCaveat(decisive: CandidateEvidence): string[] {
  if (decisive.minimumDetectable === undefined) {
    if (decisive.difference === undefined) return [];
    return [`too few cases (${decisive.cases}) to detect any difference (80% power), so a loss of any size may be hidden`];
  }
  if (decisive.minimumDetectable <= wideInterval) return [];
  return [`with ${decisive.cases} cases, only a difference of ${points(decisive.minimumDetectable)} points or more could be detected (80% power), so a smaller loss may be hidden`];
}

/** A smallest detectable difference above 10 points makes "no detectable change" weak evidence. */
const wideInterval = 0.1;

function optionName(option: ChoiceOption, showPrompt: boolean): string {
  return showPrompt ? `${option.target} with prompt ${option.prompt}` : option.target;
}

/** A share as points with one decimal: 0.865 → `86.5`. */
const points = (share: number) => (share * 100).toFixed(1);

/** `+4.0`, `−2.0` (a true minus sign), `0.0`. */
function signedPoints(share: number): string {
  const text = points(Math.abs(share));
  if (text === '0.0') return text;
  return `${share < 0 ? '−' : '+'}${text}`;
}

/** `6%`, `0.4%` below one percent. */
function percentOfCost(ratio: number): string {
  const percent = ratio * 100;
  return `${percent < 1 ? percent.toFixed(1) : Math.round(percent)}%`;
}

function joinAnd(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}
