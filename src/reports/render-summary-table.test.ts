import { describe, expect, it } from 'vitest';
import { makeAttempt } from '../stats/make-attempt.ts';
import { summarize } from '../stats/summarize.ts';
import { renderSummaryTable } from './render-summary-table.ts';

/** The cells of the table line that mentions `label`. */
function cellsOf(table: string, label: string): string[] {
  const line = table.split('\n').find((candidate) => candidate.includes(label));
  if (!line) throw new Error(`no line with ${label} in\n${table}`);
  return line.split('│').slice(1, -1).map((cell) => cell.trim());
}

const summaries = summarize([
  makeAttempt({
    target: 'openai:gpt-4o', caseId: 'c1', timing: { ttftMs: 4.26, e2eMs: 812.6, outputTps: 61.25 },
    costUsd: 0.000123, score: { score: 0.75, passed: true, reason: '' },
  }),
  makeAttempt({ target: 'openai:gpt-4o', caseId: 'c2', attempt: 1, final: false, error: { type: 'timeout', message: '' } }),
  makeAttempt({ target: 'openai:gpt-4o', caseId: 'c2', attempt: 2, error: { type: 'timeout', message: '' } }),
]).concat(
  // Summarized alone: nothing shows whether its case has assertions, so it has no pass rate.
  summarize([makeAttempt({ target: 'mock:slow', caseId: 'c3', error: { type: 'server_error', message: '' } })]),
);

const pass = { score: 1, passed: true, reason: '' };
const fail = { score: 0, passed: false, reason: '' };

describe('renderSummaryTable', () => {
  it('shows the figures, rounded for reading', () => {
    const table = renderSummaryTable(summaries);
    expect(cellsOf(table, 'target')).toEqual([
      'target', 'requests', 'success % [CI]', 'first-try %', 'TTFT ms p50 [CI] / p90 / p99', 'e2e p50 ms [CI]',
      'tok/s p50 [CI]', 'cost $', '$/1k req', 'score', 'pass % [95% CI]',
    ]);
    // c1 passed, c2 timed out: a failure for the pass rate (Wilson 1 of 2: 9–91). One timing sample
    // is too few for any percentile: each shows the n it needs.
    expect(cellsOf(table, 'openai:gpt-4o')).toEqual([
      'openai:gpt-4o', '2', '50.0 [9–91]', '50.0', 'n<6 / n<36 / n<368', 'n<6', 'n<6', '0.000123', '0.0615', '0.750', '50.0 [9–91]',
    ]);
  });

  it('gives the pass rate over answered requests only under the table, for the targets with unanswered ones', () => {
    // gpt-4o: 1 of 1 answered passed (Wilson 1 of 1: 21–100); mock:slow has no pass rate at all.
    expect(renderSummaryTable(summaries).split('\n').at(-1)).toBe('pass % counts unanswered requests as failed; over answered requests only: openai:gpt-4o 100.0 [21–100]');
    const allAnswered = summarize([makeAttempt({ score: pass }), makeAttempt({ caseId: 'c2', score: fail })]);
    expect(renderSummaryTable(allAnswered)).not.toContain('answered requests only');
  });

  it('leaves unknown figures empty and marks simulated targets', () => {
    const table = renderSummaryTable(summaries, { simulatedTargets: ['mock:slow'] });
    expect(cellsOf(table, 'mock:slow')).toEqual(['mock:slow (simulated)', '1', '0.0 [0–79]', '0.0', '', '', '', '', '', '', '']);
  });

  it('gives a median its order-statistic interval and p90 and p99 only when the sample can bound them', () => {
    // 13 answers: the median of 100..1300 ms is 700, between the 3rd and 11th values (300 and 1100).
    const thirteen = summarize(Array.from({ length: 13 }, (_, index) =>
      makeAttempt({ caseId: `c${index}`, timing: { ttftMs: (index + 1) * 100, e2eMs: (index + 1) * 200, outputTps: index + 50.25 } })));
    const cells = cellsOf(renderSummaryTable(thirteen), 'gpt-4o-mini');
    expect(cells.slice(4, 7)).toEqual(['700 [300–1100] / n<36 / n<368', '1400 [600–2200]', '56.3 [52–60]']);
  });

  it('shows pass@k and pass^k with repeats, and names the flaky cases under the table, inert', () => {
    const hostile = 'q\x1B[31m2\nFORGED';
    const repeated = summarize([
      ...[pass, pass, pass].map((score, index) => makeAttempt({ dataset: 'smoke', caseId: 'q1', repeat: index + 1, score })),
      ...[pass, fail, pass].map((score, index) => makeAttempt({ dataset: 'smoke', caseId: hostile, repeat: index + 1, score })),
      ...[fail, fail, fail].map((score, index) => makeAttempt({ dataset: 'smoke', caseId: 'q3', repeat: index + 1, score })),
    ]);
    const table = renderSummaryTable(repeated);
    expect(cellsOf(table, 'target').at(-1)).toBe('pass@3 / ^3 %');
    // pass@3: q1 and the flaky one (2 of 3); pass^3: q1 alone.
    expect(cellsOf(table, 'gpt-4o-mini').at(-1)).toBe('66.7 / 33.3');
    expect(table).not.toContain('\x1B');
    expect(table.split('\n').slice(-2)).toEqual([
      'Flaky cases (passed on some repeats, failed or unanswered on others):',
      '  openai:gpt-4o-mini: smoke/q\\x1B[31m2\\nFORGED',
    ]);
    // Without repeats there is neither the column nor the list.
    expect(renderSummaryTable(summaries)).not.toMatch(/pass@|Flaky/);
  });

  it('adds a prompt column only when prompts are compared', () => {
    expect(renderSummaryTable(summaries)).not.toContain('prompt');
    const table = renderSummaryTable(summarize([makeAttempt({ prompt: 'terse' }), makeAttempt({ prompt: 'default' })]));
    expect(cellsOf(table, 'terse').slice(0, 2)).toEqual(['openai:gpt-4o-mini', 'terse']);
  });

  it('shows labels with control characters or line breaks as one inert line, with the table intact', () => {
    const hostile = 'evil\x1B[2J\nQUALITY GATE PASSED\u202Etxt';
    const table = renderSummaryTable(summarize([makeAttempt({ target: hostile, prompt: 'p\x1B]52;c;eA==\x07' }), makeAttempt({ target: hostile, prompt: 'default' })]));
    expect(table).not.toMatch(/[\x1B\x07\u202E]/);
    expect(cellsOf(table, 'evil').slice(0, 2)).toEqual(['evil\\x1B[2J\\nQUALITY GATE PASSED\\u202Etxt', 'p\\x1B]52;c;eA==\\x07']);
    // Every line of the table is as wide as the others.
    expect(new Set(table.split('\n').map((line) => line.length)).size).toBe(1);
  });
});
