import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDataset, loadPromptVariants, type Dataset } from '../datasets/index.ts';
import { answerBookPath, simulatorKnowledge, unknownCasesLines } from './simulator-cases.ts';

const weatherTool = { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } };
const rows = [
  { id: 'capital', prompt: 'What is the capital of France?', expected: 'Paris' },
  { id: 'pencils', prompt: 'Sam has 3 boxes of 12 pencils and gives 7 away. How many are left?', assert: [{ type: 'numeric', value: 29 }] },
  { id: 'iso', prompt: 'Write the date of 14 July 1789 in ISO 8601 format.', assert: [{ type: 'regex', value: '^1789-07-14$' }] },
  { id: 'forced', prompt: 'Nairobi, please.', tools: [weatherTool], tool_choice: { tool: 'get_weather' }, assert: [{ type: 'tool-call', name: 'get_weather', arguments: { city: 'Nairobi' } }] },
  { id: 'paris', prompt: 'What is the weather like in Paris?', tools: [weatherTool], assert: [{ type: 'tool-call', name: 'get_weather', arguments: { city: 'Paris' } }] },
];

describe('simulatorKnowledge', () => {
  let folder: string;
  let dataset: Dataset;
  beforeAll(async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'simulator-cases-'));
    const file = path.join(folder, 'cases.jsonl');
    await writeFile(file, rows.map((row) => JSON.stringify(row)).join('\n'));
    dataset = await loadDataset(file);
  });
  afterAll(() => rm(folder, { recursive: true, force: true }));

  it('works out a right answer its scorers pass and a wrong one they fail, and names the cases it cannot answer', async () => {
    const knowledge = await simulatorKnowledge([dataset]);
    const byId = new Map(knowledge.cases.map((mockCase) => [mockCase.id, mockCase]));
    expect(byId.get('capital')).toMatchObject({ right: { text: 'Paris' } });
    expect(byId.get('pencils')).toMatchObject({ right: { text: 'The answer is 29.' }, wrong: { text: 'The answer is 32.' } });
    // A forced tool is called even when the answer is wrong: with another case's arguments.
    expect(byId.get('forced')).toMatchObject({ right: { toolCall: { name: 'get_weather', arguments: { city: 'Nairobi' } } }, wrong: { toolCall: { name: 'get_weather', arguments: { city: 'Paris' } } } });
    expect(byId.get('iso')?.right).toBeUndefined();
    expect(knowledge.unknown.map((testCase) => testCase.id)).toEqual(['iso']);
    expect(unknownCasesLines(knowledge, dataset.cases)).toEqual(['1 of 5 cases are unknown to the simulator: their answers are echoes (iso).']);
    expect(knowledge.books).toEqual([]);
  });

  it("answers from the dataset's answer book beside it, unless told not to", async () => {
    const book = answerBookPath(dataset.path);
    expect(book).toBe(path.join(folder, 'answer-books', 'cases.answers.jsonl'));
    await mkdir(path.dirname(book), { recursive: true });
    await writeFile(book, `${JSON.stringify({ match: { caseId: 'iso' }, reply: '1789-07-14' })}\n`);
    try {
      const withBook = await simulatorKnowledge([dataset]);
      expect(withBook.books).toEqual([book]);
      expect(withBook.unknown).toEqual([]);
      expect(withBook.cases.find((mockCase) => mockCase.id === 'iso')).toMatchObject({ right: { text: '1789-07-14' }, wrong: { text: expect.any(String) } });
      expect((await simulatorKnowledge([dataset], { answerBooks: false })).unknown.map((testCase) => testCase.id)).toEqual(['iso']);
    } finally {
      await rm(path.dirname(book), { recursive: true, force: true });
    }
  });

  it('says which prompt variants make cases unknown: one that wraps the prompt does not, one that rewrites it does', async () => {
    const wrap = path.join(folder, 'wrap.txt');
    const rewrite = path.join(folder, 'rewrite.yaml');
    await writeFile(wrap, 'Think step by step.\n\n{{prompt}}\n');
    await writeFile(rewrite, 'label: vague\nprompt: "Answer the question."\n');
    const variants = await loadPromptVariants([wrap, rewrite], dataset.cases);
    const knowledge = await simulatorKnowledge([dataset]);
    expect(unknownCasesLines(knowledge, dataset.cases, variants)).toEqual([
      'prompt wrap: 1 of 5 cases are unknown to the simulator: their answers are echoes (iso).',
      'prompt vague: 5 of 5 cases are unknown to the simulator: their answers are echoes (capital, pencils, iso and 2 more).',
    ]);
  });
});
