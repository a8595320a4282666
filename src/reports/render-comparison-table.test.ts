import { describe, expect, it } from 'vitest';
import { makeComparison } from '../stats/make-comparison.ts';
import { displayWidth } from './display-width.ts';
import { renderComparisonTable } from './render-comparison-table.ts';

const comparisons = [
  makeComparison({
    passRate: { cases: 40, difference: 0.25, interval: { low: 0.1, high: 0.39 }, pValue: 2 / 1024, adjustedPValue: 2 / 1024, verdict: 'better' },
    flips: { worse: [], better: Array.from({ length: 10 }, (_, index) => ({ caseId: `c${index}`, base: 0, current: 1 })) },
    ttftP50: { base: 100, current: 150, ratio: 1.5, interval: { low: 1.31, high: 1.72 }, verdict: 'worse' },
    costPerRequest: { base: 1, current: 16.666, ratio: 16.666, interval: undefined, verdict: 'not enough data' },
  }),
  makeComparison({ target: 'down' }),
];

describe('renderComparisonTable', () => {
  it('shows the change in pass rate with its interval, p, verdict, flips and the ratios with theirs (--wide)', () => {
    const text = renderComparisonTable(comparisons, { wide: true });
    expect(text).toContain('Against the baseline mini');
    expect(text).toMatch(/│ big\s+│\s+40 │ \+25\.0 \[\+10\.0, \+39\.0\] │\s+0\.0020 │\s+better │\s+0\/10 │ ×1\.50 \[1\.31–1\.72\] │\s+│\s+×16\.67 │/);
    expect(text).toMatch(/│ down\s+│\s+0 │\s+│\s+│\s+no data │/);
  });

  it('keeps the verdict and its evidence within 100 columns by default, and names the ratios it left out', () => {
    const text = renderComparisonTable(comparisons);
    expect(Math.max(...text.split('\n').map(displayWidth))).toBeLessThanOrEqual(100);
    expect(text).toMatch(/│ big\s+│\s+40 │ \+25\.0 \[\+10\.0, \+39\.0\] │\s+0\.0020 │\s+better │\s+0\/10 │\s+×16\.67 │\n/);
    expect(text.split('\n').at(-1)).toBe('Not shown at this width: TTFT p50, e2e p50 (--wide shows every column).');
  });

  for (const width of [60, 80, 100]) {
    it(`fits ${width} columns with long and hostile labels, shortened in their middle and inert`, () => {
      const labels = ['openai-compatible:some-very-long-model-name@http://127.0.0.1:8000/v1', 'evil\x1B[2J\nFAKE\u202E', '模型'.repeat(20), 'y'.repeat(300)];
      const text = renderComparisonTable(labels.map((target) => ({ ...comparisons[0]!, target, baseTarget: 'z'.repeat(200) })), { width });
      for (const line of text.split('\n')) expect(displayWidth(line)).toBeLessThanOrEqual(width);
      expect(text).not.toMatch(/[\x1B\u202E]/);
      // The change in pass rate and the verdict always stay, one line per target.
      expect(text.split('\n').filter((line) => line.includes('+25.0 [+10.0, +39.0]') && line.includes('better'))).toHaveLength(labels.length);
      expect(text).toMatch(/│ openai-.*…/);
      expect(text).toMatch(/│ y+…y+ +│/);
    });
  }

  it('keeps the change in pass rate at 40 columns, and cuts a long base label in the heading in its middle', () => {
    const labels = ['openai-compatible:some-very-long-model-name@http://127.0.0.1:8000/v1', 'y'.repeat(300)];
    const text = renderComparisonTable(labels.map((target) => ({ ...comparisons[0]!, target, baseTarget: `base-${'z'.repeat(200)}-end` })), { width: 40 });
    for (const line of text.split('\n')) expect(displayWidth(line)).toBeLessThanOrEqual(40);
    expect(text.split('\n').filter((line) => line.includes('+25.0 [+10.0, +39.0]'))).toHaveLength(labels.length);
    expect(text).toMatch(/base-z+…z+-end/);
    expect(text.split('\n').filter((line) => line.includes('z'))).toHaveLength(1);
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
