import type { AttemptRecord } from '../records/attempt-record.ts';
import { caseKey } from '../records/case-key.ts';
import { isStepRecord } from '../records/pipeline-figures.ts';
import { groupSlots } from './group-slots.ts';

/**
 * What one case showed for one (target, prompt): the unit of evidence. Repeats of a case are not
 * independent samples of the prompt set, so every decision counts cases, and a case's quality is
 * the share of its repeats that passed.
 */
export type CaseOutcome = {
  /** caseKey: equal for the same (dataset, case id). */
  key: string;
  dataset?: string;
  caseId: string;
  /** Repeats sent (slots with at least one attempt). */
  slots: number;
  /** Slots whose final attempt answered. */
  answered: number;
  /** Answered slots with a verdict (not unscored). */
  scored: number;
  /** Scored slots that passed. */
  passed: number;
  /**
   * Answered slots with no verdict, neither passed nor failed: a judge that could not decide, or a
   * case with no assertions.
   */
  unscored: number;
  /** Timing of every successful attempt of the case, retries included. */
  ttftMs: number[];
  e2eMs: number[];
  outputTps: number[];
  /** Summed over every attempt of the case; undefined when no attempt's cost is known. */
  costUsd: number | undefined;
  /** Per repeat (1-based index - 1): true passed, false failed or unanswered, undefined unscored. */
  verdicts: Array<boolean | undefined>;
};

/**
 * The case's pass share with unanswered repeats counted as failures (the primary analysis), or
 * over answered repeats only (`answeredOnly`, the sensitivity check). Undefined when the case has
 * no repeat that counts: nothing was scored (answered-only), or every repeat was unscored.
 */
export function passShare(outcome: CaseOutcome, options: { answeredOnly?: boolean } = {}): number | undefined {
  const denominator = options.answeredOnly ? outcome.scored : outcome.slots - outcome.unscored;
  return denominator === 0 ? undefined : outcome.passed / denominator;
}

/** The case's share of repeats that ended without an answer. Undefined with no slot. */
export function failureShare(outcome: CaseOutcome): number | undefined {
  return outcome.slots === 0 ? undefined : (outcome.slots - outcome.answered) / outcome.slots;
}

/**
 * The records of one (target, prompt), case by case, in first-seen order. A step's attempts are
 * left out: a multi-call case's own record holds its outcome, its timing and its whole cost.
 */
export function caseOutcomes(allRecords: readonly AttemptRecord[]): Map<string, CaseOutcome> {
  const records = allRecords.some(isStepRecord) ? allRecords.filter((record) => !isStepRecord(record)) : allRecords;
  const outcomes = new Map<string, CaseOutcome>();
  const outcomeOf = (record: AttemptRecord): CaseOutcome => {
    const key = caseKey(record);
    let outcome = outcomes.get(key);
    if (!outcome) {
      outcome = { key, ...(record.dataset !== undefined ? { dataset: record.dataset } : {}), caseId: record.caseId, slots: 0, answered: 0, scored: 0, passed: 0, unscored: 0, ttftMs: [], e2eMs: [], outputTps: [], costUsd: undefined, verdicts: [] };
      outcomes.set(key, outcome);
    }
    return outcome;
  };
  for (const record of records) {
    const outcome = outcomeOf(record);
    if (record.costUsd !== undefined) outcome.costUsd = (outcome.costUsd ?? 0) + record.costUsd;
    if (record.status !== 'ok') continue;
    pushFinite(outcome.ttftMs, record.timing.ttftMs);
    pushFinite(outcome.e2eMs, record.timing.e2eMs);
    pushFinite(outcome.outputTps, record.timing.outputTps);
  }
  for (const slot of groupSlots(records)) {
    const record = slot.outcome;
    const outcome = outcomeOf(record);
    outcome.slots++;
    let verdict: boolean | undefined = false;
    if (record.status === 'ok') {
      outcome.answered++;
      if (record.score && !record.score.unscored) {
        outcome.scored++;
        if (record.score.passed) outcome.passed++;
        verdict = record.score.passed;
      } else {
        outcome.unscored++;
        verdict = undefined;
      }
    }
    outcome.verdicts[record.repeat - 1] = verdict;
  }
  return outcomes;
}

function pushFinite(values: number[], value: number | undefined): void {
  if (value !== undefined && Number.isFinite(value)) values.push(value);
}
