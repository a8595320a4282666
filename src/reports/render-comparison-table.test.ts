import { describe, expect, it } from 'vitest';
import { renderComparisonTable } from './render-comparison-table.ts';

describe('renderComparisonTable', () => {
  it('shows the paired difference with its interval, the discordant cases and the ratios', () => {
    const text = renderComparisonTable([
      {
        baselineTarget: 'mini', baselinePrompt: 'default', target: 'big', prompt: 'default',
        counts: { both: 20, onlyBaseline: 0, onlyOther: 10, neither: 10 },
        passRate: { pairs: 40, difference: 0.25, interval: { low: 0.1, high: 0.39 }, pValue: 2 / 1024 },
        ttftP50Ratio: 1.5, costPer1kRatio: 16.666,
      },
      { baselineTarget: 'mini', baselinePrompt: 'default', target: 'down', prompt: 'default', counts: { both: 0, onlyBaseline: 0, onlyOther: 0, neither: 0 } },
    ]);
    expect(text).toContain('Against the baseline mini');
    expect(text).toMatch(/│ big\s+│\s+40 │ \+25\.0 \[\+10\.0, \+39\.0\] │\s+0\.0020 │\s+0 \/ 10 │\s+×1\.50 │\s+│\s+×16\.67 │/);
    expect(text).toMatch(/│ down\s+│\s+0 │\s+│/);
  });

  it('is empty with a single target', () => {
    expect(renderComparisonTable([])).toBe('');
  });

  it('shows labels with control characters or line breaks as one inert line', () => {
    const text = renderComparisonTable([
      { baselineTarget: 'mini\x1B[2J', baselinePrompt: 'default', target: 'big\nFAKE LINE\u2066', prompt: 'default', counts: { both: 0, onlyBaseline: 0, onlyOther: 0, neither: 0 } },
    ]);
    expect(text).not.toMatch(/[\x1B\u2066]/);
    expect(text).toContain('Against the baseline mini\\x1B[2J');
    expect(text).toMatch(/│ big\\nFAKE LINE\\u2066 +│/);
  });
});
