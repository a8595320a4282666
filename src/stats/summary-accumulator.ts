import type { AttemptRecord } from '../records/attempt-record.ts';
import { isStepRecord } from '../records/pipeline-figures.ts';
import { CaseRegistry } from './case-registry.ts';
import { PairAccumulator, type SlotDecision } from './pair-accumulator.ts';
import { pairSummary } from './pair-summary.ts';
import { pairKey } from './pair-key.ts';
import type { SloObjective } from './slo.ts';
import type { TargetSummary } from './target-summary.ts';

/** Slots the plan holds for one (target, prompt) pair. */
export type PlannedPair = { target: string; prompt: string; slots: number };

export type SummaryAccumulatorOptions = {
  /** Whether each case has assertions, by caseKey, from the datasets: known even when no request of the run was answered. */
  assertions?: ReadonlyMap<string, boolean>;
  /** `--slo`, parsed (parseSlo): with it, each summary has goodput. */
  slo?: readonly SloObjective[];
  /**
   * How a slot is decided: `final` (default) by its attempt marked final, else its highest
   * attempt, as summarize does; `latest` by its latest record, as normalizeFinals settles a
   * results.jsonl whose retries a stop left unsent (feed it the file as written).
   */
  decideBy?: SlotDecision;
};

export type SummaryAccumulator = {
  /** Adds one attempt record; keeps its figures and counters, never the record. */
  add(record: AttemptRecord): void;
  /** The summaries, as summarize gives them. Call once: it sorts the samples in place. */
  finish(): TargetSummary[];
};

/**
 * summarize, fed one record at a time: per (target, prompt) the counters of each case and slot in
 * typed arrays and the timing samples in Float64Arrays, so a run of a million attempts need not
 * hold its records. With the plan, every planned pair has its row, in plan order; other pairs
 * follow in the order their first record came.
 */
export function createSummaryAccumulator(planned?: readonly PlannedPair[], options: SummaryAccumulatorOptions = {}): SummaryAccumulator {
  const registry = new CaseRegistry();
  const pairs = new Map<string, PairAccumulator>();
  const pairOptions = { decision: options.decideBy ?? 'final', slo: options.slo };
  for (const pair of planned ?? []) pairs.set(pairKey(pair), new PairAccumulator(pair.target, pair.prompt, pair.slots, pairOptions));
  let finished = false;
  return {
    add(record) {
      if (finished) throw new Error('the summary accumulator was already finished');
      const key = pairKey(record);
      let pair = pairs.get(key);
      if (!pair) {
        pair = new PairAccumulator(record.target, record.prompt, 0, pairOptions);
        pairs.set(key, pair);
      }
      // A step's attempt is spending, not a case: its case is known from the case's own record.
      if (isStepRecord(record)) pair.addCall(record);
      else pair.add(record, registry.add(record));
    },
    finish() {
      if (finished) throw new Error('the summary accumulator was already finished');
      finished = true;
      // Whether a case has assertions is known from its dataset, else from any target's scored
      // answer: a target whose every request failed still has its cases counted as failed.
      const assertions = registry.assertions(options.assertions);
      return [...pairs.values()].map((pair) => pairSummary(pair, registry, assertions));
    },
  };
}
