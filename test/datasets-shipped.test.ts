import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Case } from '../src/datasets/index.ts';
import { lastUserText, loadDataset } from '../src/datasets/index.ts';
import { answerBooksFolder, datasetsFolder, multiCallDatasets, shippedDatasets } from './support/shipped-datasets.ts';
import { scoreCase } from '../src/scoring/index.ts';

const folder = datasetsFolder;
const books = answerBooksFolder;
const shipped = shippedDatasets;

type BookLine = { match: { caseId: string }; reply?: string; toolCall?: { name: string; arguments: unknown } };

async function readBook(name: string): Promise<BookLine[]> {
  const text = await readFile(path.join(books, `${name}.answers.jsonl`), 'utf8');
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as BookLine);
}

async function readVerdicts(name: string): Promise<Record<string, boolean>> {
  return JSON.parse(await readFile(path.join(books, `${name}.verdicts.json`), 'utf8')) as Record<string, boolean>;
}


/** The verdict without a judge: llm-judge assertions are left out, so only the deterministic checks decide. */
function withoutJudge(testCase: Case): Case {
  return { ...testCase, assert: testCase.assert.filter((assertion) => assertion.type !== 'llm-judge') };
}

describe('shipped datasets', () => {
  it('has an answer book and verdicts for every shipped dataset, and nothing else there', async () => {
    const files = (await readdir(books)).sort();
    expect(files).toEqual([...shipped, ...multiCallDatasets].flatMap((name) => [`${name}.answers.jsonl`, `${name}.verdicts.json`]).sort());
  });

  describe.each(shipped)('%s', (name) => {
    it('validates with 20 to 60 cases, and its answer book answers exactly its cases with the expected verdicts', async () => {
      const dataset = await loadDataset(path.join(folder, `${name}.jsonl`));
      expect(dataset.cases.length).toBeGreaterThanOrEqual(20);
      expect(dataset.cases.length).toBeLessThanOrEqual(60);
      const byId = new Map(dataset.cases.map((testCase) => [testCase.id, testCase]));
      // The simulator tells cases apart by the text of their last user message.
      expect(new Set(dataset.cases.map((testCase) => lastUserText(testCase.messages))).size).toBe(dataset.cases.length);
      const book = await readBook(name);
      const verdicts = await readVerdicts(name);
      expect(book.map((line) => line.match.caseId).sort()).toEqual([...byId.keys()].sort());
      expect(Object.keys(verdicts).sort()).toEqual([...byId.keys()].sort());
      // Each dataset keeps some answers wrong on purpose, so a run against the simulator shows failures too.
      expect(Object.values(verdicts).filter((passed) => !passed).length).toBeGreaterThan(0);

      const got: Record<string, boolean> = {};
      for (const line of book) {
        const testCase = byId.get(line.match.caseId) as Case;
        const toolCalls = line.toolCall ? [{ name: line.toolCall.name, arguments: line.toolCall.arguments }] : undefined;
        const input = { output: line.reply ?? '', ...(toolCalls && { toolCalls }) };
        const score = await scoreCase(withoutJudge(testCase), input);
        expect(score, line.match.caseId).toBeDefined();
        got[line.match.caseId] = score?.passed ?? false;
        // With its llm-judge and no judge to ask, a case is unscored, unless a deterministic check failed.
        if (testCase.assert.some((assertion) => assertion.type === 'llm-judge')) {
          const judged = await scoreCase(testCase, input);
          expect(judged, line.match.caseId).toMatchObject(score?.passed ? { unscored: true } : { passed: false });
        }
      }
      expect(got).toEqual(verdicts);
    });
  });
});
