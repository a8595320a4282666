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
  makeAttempt({ target: 'mock:slow', caseId: 'c1', error: { type: 'server_error', message: '' } }),
]);

describe('renderSummaryTable', () => {
  it('shows the figures, rounded for reading', () => {
    const table = renderSummaryTable(summaries);
    expect(cellsOf(table, 'target')).toEqual([
      'target', 'requests', 'success %', 'first-try %', 'TTFT ms p50/p90/p99', 'e2e p50 ms',
      'tok/s p50', 'cost $', '$/1k req', 'score', 'pass % [95% CI]',
    ]);
    expect(cellsOf(table, 'openai:gpt-4o')).toEqual([
      'openai:gpt-4o', '2', '50.0', '50.0', '4.3 / 4.3 / 4.3', '813', '61.3', '0.000123', '0.0615', '0.750', '100.0 [21–100]',
    ]);
  });

  it('leaves unknown figures empty and marks simulated targets', () => {
    const table = renderSummaryTable(summaries, { simulatedTargets: ['mock:slow'] });
    expect(cellsOf(table, 'mock:slow')).toEqual(['mock:slow (simulated)', '1', '0.0', '0.0', '', '', '', '', '', '', '']);
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
