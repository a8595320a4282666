import { describe, expect, it } from 'vitest';
import { makeComparison } from '../stats/make-comparison.ts';
import type { RunComparison } from '../stats/run-comparison.ts';
import { comparisonMarkdown } from './comparison-markdown.ts';

const hostile = 'evil|id\n## <img src=x onerror=alert(1)> `x` \x1B[2J \u202Etxt';

function comparisonOf(overrides: Partial<RunComparison> = {}): RunComparison {
  return {
    base: { folder: 'reports/main', runId: 'main', incomplete: false, simulatedTargets: [] },
    current: { folder: 'reports/pr', runId: 'pr', incomplete: false, simulatedTargets: [] },
    alpha: 0.05,
    method: 'exact',
    comparisons: [],
    changedCases: [],
    uncheckedCases: false,
    onlyInBase: [],
    onlyInCurrent: [],
    unpairedTargets: { base: [], current: [] },
    unsentCases: [],
    warnings: [],
    ...overrides,
  };
}

describe('comparisonMarkdown', () => {
  it('shows each figure with its interval and verdict, the gates with their target, and the flipped cases', () => {
    const text = comparisonMarkdown(
      comparisonOf({
        comparisons: [makeComparison({
          target: 'mini',
          baseTarget: 'mini',
          passRate: { cases: 60, base: 1, current: 50 / 60, difference: -10 / 60, interval: { low: -0.292, high: -0.08 }, pValue: 2 / 1024, adjustedPValue: 2 / 1024, verdict: 'worse', minimumDetectable: 0.123 },
          flips: { worse: [{ caseId: 'q1', base: 1, current: 0 }, { dataset: 'qa', caseId: 'q2', base: 1, current: 0 }], better: [] },
        })],
      }),
      [
        { gate: 'pass_rate >= 0.5', target: 'mini', prompt: 'default', passed: true, line: 'fine' },
        { gate: 'pass_rate drop <= 5', target: 'mini', prompt: 'default', passed: false, line: 'a drop of more than 5 points', warning: 'power 40%' },
      ],
    );
    expect(text).toContain('| mini | 60 | 100.0% → 83.3% | -16.7 [-29.2, -8.0] | 0.0020 | **worse** |');
    expect(text).toContain('the smallest change in pass rate this comparison could detect is 12.3 points');
    // Failures first, each naming its gate and target.
    expect(text).toMatch(/### Gates\n\n- \*\*FAILED\*\* `pass_rate drop <= 5`, `mini`: a drop of more than 5 points\n {2}- power 40%\n- passed `pass_rate >= 0\.5`, `mini`: fine/);
    expect(text).toContain('- passed in the base, fail now (2): `q1`, `qa/q2`');
  });

  it('keeps hostile labels inside their cell or code span, one line, with no raw control or bidi character', () => {
    const text = comparisonMarkdown(
      comparisonOf({
        current: { folder: 'x', runId: hostile, incomplete: true, simulatedTargets: [hostile] },
        comparisons: [makeComparison({ target: hostile, flips: { worse: [{ caseId: hostile, base: 1, current: 0 }], better: [] } })],
        onlyInBase: [{ caseId: hostile }],
        unsentCases: [{ target: hostile, prompt: 'default', cases: [{ caseId: 'q9' }] }],
      }),
      [{ gate: 'pass_rate >= 0.9', target: hostile, prompt: 'default', passed: false, line: hostile }],
    );
    expect(text).not.toMatch(/[\x1B\u202E]/);
    // Raw only inside code spans, which Markdown shows literally.
    expect(text.replace(/`[^`\n]*`/g, '')).not.toContain('<img');
    expect(text).not.toMatch(/^## <|^## [^l]/m);
    // Every table row has its 13 cells: a `|` in a label did not add one.
    for (const row of text.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| target'))) expect(row.split(/(?<!\\)\|/)).toHaveLength(15);
    expect(text).toContain('1 cases planned in both runs have no record in one of them');
    expect(text).toContain('The current run is incomplete');
  });
});
