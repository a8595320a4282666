import type { AttemptRecord } from '../records/attempt-record.ts';
import type { CasePair, PairComparison } from './case-comparison.ts';
import { caseOutcomes, type CaseOutcome } from './case-outcomes.ts';
import { adjustForMultipleComparisons, compareCases, type CompareOptions } from './compare-cases.ts';
import { pairKey } from './pair-key.ts';
import type { TargetSummary } from './target-summary.ts';

/** @deprecated Use PairComparison: a comparison within one run is the same figures as one across runs. */
export type BaselineComparison = PairComparison;

/**
 * Every other (target, prompt) against the first, which is the baseline (the first `--target`
 * with the first prompt, or `--baseline`), case by case on the cases both were sent: the question
 * "is B better than A on my prompts" is about the cases both saw. Holm-adjusted across them.
 */
export function compareToBaseline(records: readonly AttemptRecord[], summaries: readonly TargetSummary[], options: CompareOptions = {}): PairComparison[] {
  const [baseline, ...others] = summaries;
  if (!baseline) return [];
  const byPair = new Map<string, AttemptRecord[]>();
  for (const record of records) {
    const key = pairKey(record);
    const list = byPair.get(key);
    if (list) list.push(record);
    else byPair.set(key, [record]);
  }
  const outcomesOf = (pair: { target: string; prompt: string }) => caseOutcomes(byPair.get(pairKey(pair)) ?? []);
  const baselineOutcomes = outcomesOf(baseline);
  const comparisons = others.map((other) => {
    const pairs: CasePair[] = [];
    for (const [key, current] of outcomesOf(other)) {
      const base: CaseOutcome | undefined = baselineOutcomes.get(key);
      if (base) pairs.push({ key, ...(current.dataset !== undefined ? { dataset: current.dataset } : {}), caseId: current.caseId, base, current });
    }
    return compareCases({ target: other.target, prompt: other.prompt, baseTarget: baseline.target, basePrompt: baseline.prompt }, pairs, options);
  });
  return adjustForMultipleComparisons(comparisons, options);
}
