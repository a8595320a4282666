import { describe, expect, it } from 'vitest';
import { caseOutcomes } from './case-outcomes.ts';
import { caseQuality } from './case-quality.ts';
import { makeAttempt } from './make-attempt.ts';

const passed = { score: 1, passed: true, reason: '' };
const failed = { score: 0, passed: false, reason: '' };
const unscored = { score: 0, passed: false, reason: 'no verdict', unscored: true as const };
const timeout = { type: 'timeout' as const, message: 'timed out' };

const qualityOf = (records: Parameters<typeof caseOutcomes>[0], repeats: number) =>
  caseQuality([...caseOutcomes(records).values()], repeats, () => true);

describe('caseQuality', () => {
  it('counts a case flaky when a repeat passed and another failed or went unanswered, as pass@k and pass^k count it', () => {
    const quality = qualityOf([
      // Passed, then failed: flaky.
      makeAttempt({ caseId: 'wrong', repeat: 1, score: passed }),
      makeAttempt({ caseId: 'wrong', repeat: 2, score: failed }),
      // Passed, then timed out: flaky too, since the pass rate counts the timeout as failed.
      makeAttempt({ caseId: 'silent', repeat: 1, score: passed }),
      makeAttempt({ caseId: 'silent', repeat: 2, error: timeout }),
      // Passed every repeat it was judged on: a repeat without a verdict counts for nothing.
      makeAttempt({ caseId: 'steady', repeat: 1, score: passed }),
      makeAttempt({ caseId: 'steady', repeat: 2, score: unscored }),
      // Never passed: not flaky, just failing.
      makeAttempt({ caseId: 'never', repeat: 1, error: timeout }),
      makeAttempt({ caseId: 'never', repeat: 2, score: failed }),
    ], 2);
    expect(quality.flakyCases).toEqual(['wrong', 'silent']);
    expect(quality.passAtK?.rate).toBe(3 / 4);
    expect(quality.passAllK?.rate).toBe(1 / 4);
    // pass@k − pass^k is the flaky share, case for case.
    expect(quality.passAtK!.rate! - quality.passAllK!.rate!).toBe(quality.flakyCases.length / 4);
  });

  it('has no pass@k, pass^k or flaky case with one repeat', () => {
    const quality = qualityOf([makeAttempt({ caseId: 'a', score: passed }), makeAttempt({ caseId: 'b', error: timeout })], 1);
    expect(quality).toMatchObject({ passAtK: undefined, passAllK: undefined, flakyCases: [] });
    expect(quality.passRate.rate).toBe(0.5);
  });
});
