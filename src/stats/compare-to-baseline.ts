import type { AttemptRecord } from '../records/attempt-record.ts';
import { caseKey } from '../records/case-key.ts';
import { pairedDifference, type PairedCounts, type PairedDifference } from './paired-difference.ts';
import type { TargetSummary } from './target-summary.ts';
import { pairKey } from './pair-key.ts';

/** One (target, prompt) against the baseline, on the cases both answered and had scored. */
export type BaselineComparison = {
  baselineTarget: string;
  baselinePrompt: string;
  target: string;
  prompt: string;
  counts: PairedCounts;
  /** Undefined when no case was scored for both. */
  passRate?: PairedDifference;
  /** This one's figure divided by the baseline's: 0.5 is twice as fast (or cheap). */
  ttftP50Ratio?: number;
  e2eP50Ratio?: number;
  costPer1kRatio?: number;
};

/**
 * Every other (target, prompt) against the first, which is the baseline (the first `--target`
 * with the first prompt). Quality is compared pair by pair, on the same case (of the same
 * dataset) and repeat: the question "is B better than A on my prompts" is about the cases both saw.
 */
export function compareToBaseline(records: readonly AttemptRecord[], summaries: readonly TargetSummary[]): BaselineComparison[] {
  const [baseline, ...others] = summaries;
  if (!baseline) return [];
  const verdicts = scoredVerdicts(records);
  const baselineVerdicts = verdicts.get(pairKey(baseline)) ?? new Map<string, boolean>();
  return others.map((other) => {
    const counts: PairedCounts = { both: 0, onlyBaseline: 0, onlyOther: 0, neither: 0 };
    for (const [slot, passed] of verdicts.get(pairKey(other)) ?? []) {
      const baselinePassed = baselineVerdicts.get(slot);
      if (baselinePassed === undefined) continue;
      if (baselinePassed && passed) counts.both++;
      else if (baselinePassed) counts.onlyBaseline++;
      else if (passed) counts.onlyOther++;
      else counts.neither++;
    }
    const passRate = pairedDifference(counts);
    const ttftP50Ratio = ratio(other.ttftP50Ms, baseline.ttftP50Ms);
    const e2eP50Ratio = ratio(other.e2eP50Ms, baseline.e2eP50Ms);
    const costPer1kRatio = ratio(other.costPer1kRequestsUsd, baseline.costPer1kRequestsUsd);
    return {
      baselineTarget: baseline.target,
      baselinePrompt: baseline.prompt,
      target: other.target,
      prompt: other.prompt,
      counts,
      ...(passRate ? { passRate } : {}),
      ...(ttftP50Ratio !== undefined ? { ttftP50Ratio } : {}),
      ...(e2eP50Ratio !== undefined ? { e2eP50Ratio } : {}),
      ...(costPer1kRatio !== undefined ? { costPer1kRatio } : {}),
    };
  });
}

/**
 * Passed or not, by (case, repeat), for every (target, prompt): final answers that were scored. A
 * case is (dataset, case id): `q1` of one dataset never pairs with `q1` of another.
 */
function scoredVerdicts(records: readonly AttemptRecord[]): Map<string, Map<string, boolean>> {
  const verdicts = new Map<string, Map<string, boolean>>();
  for (const record of records) {
    if (!record.final || record.status !== 'ok' || !record.score || record.score.unscored) continue;
    const key = pairKey(record);
    const bySlot = verdicts.get(key) ?? new Map<string, boolean>();
    bySlot.set(JSON.stringify([caseKey(record), record.repeat]), record.score.passed);
    verdicts.set(key, bySlot);
  }
  return verdicts;
}

function ratio(value: number | undefined, baseline: number | undefined): number | undefined {
  return value === undefined || baseline === undefined || baseline === 0 ? undefined : value / baseline;
}
