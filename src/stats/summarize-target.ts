import type { AttemptRecord } from '../records/attempt-record.ts';
import { isStepRecord } from '../records/pipeline-figures.ts';
import { CaseRegistry } from './case-registry.ts';
import { PairAccumulator } from './pair-accumulator.ts';
import { pairSummary } from './pair-summary.ts';
import type { SloObjective } from './slo.ts';
import type { TargetSummary } from './target-summary.ts';

/**
 * The summary of the attempts of one (target, prompt) pair, of which the plan had `plannedSlots`.
 * With no attempts (nothing was sent), every figure is unknown and the counts are 0.
 *
 * A case counts for quality when it has assertions. `runAssertions` (`caseAssertions` over the
 * whole run's records) tells that of a case this pair never answered, from another target's
 * answers; a case no answer tells of counts, as failed, when the run has assertions at all, so
 * 35 timeouts of 100 are 35 failures, not 35 cases left out. Without it, the pair's own records.
 */
export function summarizeTarget(
  target: string,
  prompt: string,
  records: readonly AttemptRecord[],
  plannedSlots: number,
  runAssertions?: ReadonlyMap<string, boolean>,
  options: { slo?: readonly SloObjective[] } = {},
): TargetSummary {
  const registry = new CaseRegistry();
  const pair = new PairAccumulator(target, prompt, plannedSlots, { slo: options.slo });
  for (const record of records) {
    if (isStepRecord(record)) pair.addCall(record);
    else pair.add(record, registry.add(record));
  }
  return pairSummary(pair, registry, runAssertions ? registry.assertionsFrom(runAssertions) : registry.assertions());
}
