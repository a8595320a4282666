import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { compareToBaseline } from '../stats/compare-to-baseline.ts';
import { makeAttempt } from '../stats/make-attempt.ts';
import { summarize } from '../stats/summarize.ts';
import { builtinReporters } from './reporters.ts';

/** A formula behind characters a spreadsheet may skip. */
const payloads = ['\u2028=1+1', '\v=1+1', '\f@SUM(1)', '\u3000+1', '\u0085-1+1', '\uFEFF\uFF1D1'];

/** `\u2028=1+1`: the payload as a reader of the test's name can see it. */
const visible = (text: string) => text.replace(/[^\x20-\x7E]/g, (character) => `\\u${character.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);

describe('every CSV report neutralises every text cell the user, the dataset or a server controls', () => {
  it.each(payloads.map((payload) => [visible(payload), payload]))('a %s in case ids, labels, answers, errors, reasons and tool calls', (_, payload) => {
    const records = ['one', 'two'].flatMap((label) => [
      makeAttempt({
        caseId: `${payload}case`, target: `${payload}${label}`, prompt: `${payload}prompt`, output: payload, servedBy: payload, finishReason: payload,
        toolCalls: [{ name: payload, arguments: { value: payload } }], score: { score: 1, passed: true, reason: payload },
      }),
      makeAttempt({ caseId: `${payload}other`, target: `${payload}${label}`, prompt: `${payload}prompt`, error: { type: 'server_error', message: payload } }),
    ]);
    const summaries = summarize(records);
    const input = { records, summaries, comparisons: compareToBaseline(records, summaries), run: { runId: 'run', simulatedTargets: [] } };
    const files = builtinReporters().flatMap(({ reporter }) => reporter.render?.(input) ?? []).filter((file) => file.fileName.endsWith('.csv'));
    expect(files.map((file) => file.fileName).sort()).toEqual(['comparison.csv', 'results.csv', 'summary.csv']);
    for (const file of files) {
      const cells = (parse(file.content) as string[][]).flat();
      expect(cells.filter((cell) => cell.includes(payload)).length, file.fileName).toBeGreaterThan(0);
      for (const cell of cells) {
        if (cell.includes(payload.slice(1)) && !/^\[|^\{/.test(cell)) expect(cell.startsWith("'"), `${file.fileName}: ${JSON.stringify(cell)}`).toBe(true);
      }
    }
  });
});
