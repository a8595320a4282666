import { scanResults } from '../records/read-results.ts';
import { createSummaryAccumulator, type PlannedPair, type TargetSummary } from '../stats/index.ts';
import { withBaselineFirst } from './summarise-run.ts';

type ResultsSummaryInput = {
  planned: PlannedPair[];
  baseline?: string | undefined;
  /** Whether each case has assertions (caseKey → yes), from the datasets when they are at hand. */
  assertions?: ReadonlyMap<string, boolean>;
};

/**
 * summariseRun's summaries, from results.jsonl in one pass, a record at a time: the records are
 * never held, so a run of a million attempts is summarised in the memory of its figures. A slot
 * is decided by its latest record, as normalizeFinals settles one whose retry was never sent.
 */
export async function summariseResults(path: string, input: ResultsSummaryInput): Promise<{ summaries: TargetSummary[]; attempts: number; droppedTornLine: boolean }> {
  const accumulator = createSummaryAccumulator(input.planned, { decideBy: 'latest', ...(input.assertions ? { assertions: input.assertions } : {}) });
  const scan = await scanResults(path, (record) => accumulator.add(record));
  return { summaries: withBaselineFirst(accumulator.finish(), input.baseline), attempts: scan.records, droppedTornLine: scan.droppedTornLine };
}
