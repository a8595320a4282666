import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DatasetError } from '../config/errors.ts';
import { findBookEntry, loadAnswerBook } from './answer-book.ts';

let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'answer-book-'));
});
afterAll(() => rm(folder, { recursive: true, force: true }));

async function book(name: string, lines: unknown[]): Promise<string> {
  const file = path.join(folder, name);
  await writeFile(file, lines.map((line) => JSON.stringify(line)).join('\n'));
  return file;
}

describe('answer books and the steps of a case', () => {
  it('answers each step with its own line, and a single-call case with the line without a step', async () => {
    const entries = await loadAnswerBook(
      await book('steps.answers.jsonl', [
        { match: { caseId: 'T-01', step: 'classify' }, reply: 'A' },
        { match: { caseId: 'T-01', step: 'draft' }, reply: 'Dear Dana' },
        { match: { caseId: 'single' }, reply: 'Paris' },
        { match: { regex: 'weather' }, reply: 'Sunny' },
      ]),
    );
    expect(findBookEntry(entries, 'T-01', 'Classify…', 'classify')?.reply).toBe('A');
    expect(findBookEntry(entries, 'T-01', 'Reply…', 'draft')?.reply).toBe('Dear Dana');
    // No line for this step: not another step's answer.
    expect(findBookEntry(entries, 'T-01', 'Extract…', 'extract')).toBeUndefined();
    expect(findBookEntry(entries, 'single', 'What is the capital of France?')?.reply).toBe('Paris');
    // A case-wide line does not answer one step of a case with that id.
    expect(findBookEntry(entries, 'single', 'What is the capital of France?', 'turn-1')).toBeUndefined();
    // A pattern answers any call whose prompt it matches.
    expect(findBookEntry(entries, 'T-01', 'the weather in Paris', 'extract')?.reply).toBe('Sunny');
  });

  it('refuses a step without the case it belongs to', async () => {
    const file = await book('bad.answers.jsonl', [{ match: { regex: 'x', step: 'draft' }, reply: 'y' }, { match: { caseId: 'T-01', step: '' }, reply: 'y' }]);
    const error = await loadAnswerBook(file).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(DatasetError);
    const problems = (error as DatasetError).problems.map((problem) => problem.slice(folder.length + 1));
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^bad\.answers\.jsonl:1: .*`step` names a call of the case `caseId` names: give both/);
    expect(problems[1]).toMatch(/^bad\.answers\.jsonl:2: match\.step/);
  });
});
