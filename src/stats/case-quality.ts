import { caseLabel } from '../records/case-key.ts';
import { caseShareRate, type CaseShareRate } from './case-share-rate.ts';
import { passShare, type CaseOutcome } from './case-outcomes.ts';

/** A (target, prompt)'s quality over its cases; see TargetSummary for each figure's meaning. */
export type CaseQuality = {
  passRate: CaseShareRate;
  passRateAnswered: CaseShareRate;
  /** Undefined with one repeat: pass@1 and pass^1 are the pass rate. */
  passAtK: CaseShareRate | undefined;
  passAllK: CaseShareRate | undefined;
  /** The cases pass@k counts and pass^k does not; empty with one repeat. */
  flakyCases: string[];
};

/**
 * Quality case by case. A case counts when it has assertions: `hasAssertions(outcome)` says whether it
 * does. Its pass share counts an unanswered repeat as failed; a repeat a judge could not decide
 * is left out. A case is flaky when some repeat passed and another failed or went unanswered, as
 * the pass rate counts it: exactly the cases pass@k counts and pass^k does not.
 */
export function caseQuality(outcomes: readonly CaseOutcome[], repeats: number, hasAssertions: (outcome: CaseOutcome) => boolean): CaseQuality {
  const counted = outcomes.filter((outcome) => hasAssertions(outcome) && passShare(outcome) !== undefined);
  const shares = (share: (outcome: CaseOutcome) => number | undefined) =>
    counted.flatMap((outcome) => {
      const value = share(outcome);
      return value === undefined ? [] : [value];
    });
  const repeatsThatCount = (outcome: CaseOutcome) => outcome.slots - outcome.unscored;
  const passedSome = (outcome: CaseOutcome) => outcome.passed > 0;
  const passedAll = (outcome: CaseOutcome) => outcome.passed === repeatsThatCount(outcome);
  return {
    passRate: caseShareRate(shares((outcome) => passShare(outcome)), repeats),
    passRateAnswered: caseShareRate(shares((outcome) => passShare(outcome, { answeredOnly: true })), repeats),
    passAtK: repeats > 1 ? caseShareRate(shares((outcome) => (passedSome(outcome) ? 1 : 0))) : undefined,
    passAllK: repeats > 1 ? caseShareRate(shares((outcome) => (passedAll(outcome) ? 1 : 0))) : undefined,
    flakyCases: counted.filter((outcome) => passedSome(outcome) && !passedAll(outcome)).map((outcome) => caseLabel(outcome)),
  };
}
