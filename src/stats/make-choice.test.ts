import { describe, expect, it } from 'vitest';
import type { AttemptRecord } from '../records/attempt-record.ts';
import { makeAttempt } from './make-attempt.ts';
import { makeChoice } from './make-choice.ts';

const passed = { score: 1, passed: true, reason: '' };
const failed = { score: 0, passed: false, reason: '' };

/** Ten cases answered by `target`: the first `passes` pass; each with the cost and timing given. */
function answers(target: string, passes: number, figures: { costUsd: number; ttftMs: number; e2eMs: number }): AttemptRecord[] {
  return Array.from({ length: 10 }, (_, index) =>
    makeAttempt({
      target, caseId: `q${index}`, score: index < passes ? passed : failed, costUsd: figures.costUsd,
      timing: { ttftMs: figures.ttftMs + index, e2eMs: figures.e2eMs + index },
    }),
  );
}

describe('makeChoice', () => {
  const records = [
    ...answers('large', 10, { costUsd: 0.01, ttftMs: 400, e2eMs: 900 }),
    ...answers('small', 9, { costUsd: 0.001, ttftMs: 300, e2eMs: 600 }),
    // As small in everything but the end-to-end time: dominated on e2e alone.
    ...answers('small-slow', 9, { costUsd: 0.001, ttftMs: 300, e2eMs: 700 }),
  ];
  const choice = makeChoice({
    runId: 'r1',
    incomplete: false,
    simulatedTargets: ['small'],
    pairs: [{ target: 'large', prompt: 'default' }, { target: 'small', prompt: 'default' }, { target: 'small-slow', prompt: 'default' }, { target: 'never-sent', prompt: 'default' }],
    records,
  });

  it('weighs every pair the run sent to, in plan order, on quality, cost, TTFT and e2e', () => {
    expect(choice.options.map((option) => [option.target, option.onFrontier, option.dominatedBy.map((other) => other.target)])).toEqual([
      ['large', true, []],
      ['small', true, []],
      ['small-slow', false, ['small']],
    ]);
    expect(choice.options.map((option) => option.simulated)).toEqual([false, true, false]);
  });

  it('recommends the cheaper option that is not detectably worse on the paired cases', () => {
    expect(choice.recommendation.best).toEqual({ target: 'large', prompt: 'default' });
    expect(choice.recommendation.recommended).toEqual({ target: 'small', prompt: 'default' });
    // Exact McNemar, 1 discordant case of 10: p = 1.
    expect(choice.recommendation.candidates).toMatchObject([{ target: 'small', verdict: 'no detectable change', cases: 10, difference: -0.1, lost: [{ caseId: 'q9' }] }]);
    expect(choice.recommendation.paragraph).toMatch(/^Choose small: it is not shown to be worse than large \(−10\.0 points, 95% CI −\d+\.\d to \+\d+\.\d\) on 9 of 10 cases at 10% of the cost; the one it lost is q9\. Caveats: small is simulated/);
  });

  it('does not place an unpriced option the others beat on what both know, and still weighs a cheaper priced one it would beat', () => {
    const unpriced = answers('local', 10, { costUsd: 0, ttftMs: 100, e2eMs: 200 }).map((record) => {
      const { costUsd: _costUsd, ...rest } = record;
      return rest as AttemptRecord;
    });
    const mixed = makeChoice({
      runId: 'r2',
      incomplete: false,
      simulatedTargets: [],
      pairs: [{ target: 'large', prompt: 'default' }, { target: 'small', prompt: 'default' }, { target: 'local', prompt: 'default' }],
      records: [...answers('large', 10, { costUsd: 0.01, ttftMs: 400, e2eMs: 900 }), ...answers('small', 9, { costUsd: 0.001, ttftMs: 300, e2eMs: 600 }), ...unpriced],
    });
    // local passes all, faster than both: it would dominate small but for small's cost, which local lacks.
    expect(mixed.options.map((option) => [option.target, option.onFrontier, option.dominatedBy.map((other) => other.target), option.undecidedBy.map((other) => other.target)])).toEqual([
      ['large', false, [], ['local']],
      ['small', false, [], ['local']],
      ['local', true, [], []],
    ]);
    // Not shown dominated, small is still weighed against the best priced by the paired test.
    expect(mixed.recommendation.candidates.map((candidate) => candidate.target)).toEqual(['small']);
  });
});
