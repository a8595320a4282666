import { describe, expect, it } from 'vitest';
import { makeComparison } from '../stats/make-comparison.ts';
import { renderComparisonTable } from './render-comparison-table.ts';

describe('renderComparisonTable', () => {
  it('shows the change in pass rate with its interval, p, verdict, flips and the ratios with theirs', () => {
    const text = renderComparisonTable([
      makeComparison({
        passRate: { cases: 40, difference: 0.25, interval: { low: 0.1, high: 0.39 }, pValue: 2 / 1024, adjustedPValue: 2 / 1024, verdict: 'better' },
        flips: { worse: [], better: Array.from({ length: 10 }, (_, index) => ({ caseId: `c${index}`, base: 0, current: 1 })) },
        ttftP50: { base: 100, current: 150, ratio: 1.5, interval: { low: 1.31, high: 1.72 }, verdict: 'worse' },
        costPerRequest: { base: 1, current: 16.666, ratio: 16.666, interval: undefined, verdict: 'not enough data' },
      }),
      makeComparison({ target: 'down' }),
    ]);
    expect(text).toContain('Against the baseline mini');
    expect(text).toMatch(/│ big\s+│\s+40 │ \+25\.0 \[\+10\.0, \+39\.0\] │\s+0\.0020 │\s+better │\s+0\/10 │ ×1\.50 \[1\.31–1\.72\] │\s+│\s+×16\.67 │/);
    expect(text).toMatch(/│ down\s+│\s+0 │\s+│\s+│\s+no data │/);
  });

  it('is empty with a single target', () => {
    expect(renderComparisonTable([])).toBe('');
  });

  it('shows labels with control characters or line breaks as one inert line', () => {
    const text = renderComparisonTable([makeComparison({ baseTarget: 'mini\x1B[2J', target: 'big\nFAKE LINE\u2066' })]);
    expect(text).not.toMatch(/[\x1B\u2066]/);
    expect(text).toContain('Against the baseline mini\\x1B[2J');
    expect(text).toMatch(/│ big\\nFAKE LINE\\u2066 +│/);
  });
});
