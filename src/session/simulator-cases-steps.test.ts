import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDataset } from '../datasets/index.ts';
import { findCase } from '../mock/index.ts';
import { answerBookPath, simulatorKnowledge } from './simulator-cases.ts';

const dataset = `cases:
  - id: T-01
    steps:
      - name: classify
        prompt: "Classify the ticket: my order 123 never came"
        assert: [{ type: choice, value: D, letters: ABCD }]
      - name: extract
        prompt: "Intent {{steps.classify.output}}. Give the order id of: my order 123 never came"
        assert: [{ type: json, value: { order: "123" } }]
      - name: draft
        prompt: "Reply about order {{steps.extract.json.order}} to: my order 123 never came"
        assert: [{ type: regex, value: "^Dear .*123" }]
  - id: T-02
    steps:
      - name: classify
        prompt: "Classify the ticket: I was charged twice in May"
        assert: [{ type: choice, value: A, letters: ABCD }]
      - name: extract
        prompt: "Intent {{steps.classify.output}}. Give the order id of: I was charged twice in May"
        assert: [{ type: json, value: { order: "777" } }]
      - name: draft
        prompt: "Reply about order {{steps.extract.json.order}} to: I was charged twice in May"
        assert: [{ type: regex, value: "^Dear .*777" }]
  - id: C-01
    turns:
      - user: My router keeps rebooting every hour.
        assert: [{ type: icontains, value: firmware }]
      - user: The update did not help at all.
        assert: [{ type: icontains, value: return }]
`;

describe('simulatorKnowledge of multi-call cases', () => {
  let folder: string;
  let file: string;
  beforeAll(async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'simulator-steps-'));
    file = path.join(folder, 'pipeline.yaml');
    await writeFile(file, dataset);
  });
  afterAll(() => rm(folder, { recursive: true, force: true }));

  it('knows each step: found by its static text, with a right and a wrong answer its own scorers judge', async () => {
    const book = answerBookPath(file);
    await mkdir(path.dirname(book), { recursive: true });
    const lines = [
      { match: { caseId: 'T-01', step: 'draft' }, reply: 'Dear customer, order 123 ships today.' },
      { match: { caseId: 'T-02', step: 'draft' }, reply: 'Dear customer, the charge on order 777 is refunded.' },
    ];
    await writeFile(book, lines.map((line) => JSON.stringify(line)).join('\n'));
    const knowledge = await simulatorKnowledge([await loadDataset(file)]);
    expect(knowledge.unknown).toEqual([]);
    expect(knowledge.cases.map((mockCase) => `${mockCase.id}/${mockCase.step}`)).toEqual([
      'T-01/classify', 'T-01/extract', 'T-01/draft', 'T-02/classify', 'T-02/extract', 'T-02/draft', 'C-01/turn-1', 'C-01/turn-2',
    ]);
    const byPrompt = new Map(knowledge.cases.map((mockCase) => [mockCase.prompt, mockCase]));
    const classify = findCase(byPrompt, 'Classify the ticket: my order 123 never came');
    expect(classify).toMatchObject({ id: 'T-01', step: 'classify', right: { text: 'The answer is D.' }, wrong: { text: 'The answer is A.' } });
    const extract = findCase(byPrompt, 'Intent The answer is A.. Give the order id of: my order 123 never came');
    // The wrong extraction is another case's answer to the same step.
    expect(extract).toMatchObject({ id: 'T-01', step: 'extract', right: { text: '{"order":"123"}' }, wrong: { text: '{"order":"777"}' } });
    const draft = findCase(byPrompt, 'Reply about order 777 to: I was charged twice in May');
    expect(draft).toMatchObject({ id: 'T-02', step: 'draft', right: { text: lines[1]?.reply }, wrong: { text: lines[0]?.reply } });
    expect(findCase(byPrompt, 'The update did not help at all.')).toMatchObject({ id: 'C-01', step: 'turn-2', right: { text: 'return' } });
  });

  it('names a multi-call case unknown once, when one of its steps has no answer', async () => {
    await rm(answerBookPath(file), { force: true });
    const knowledge = await simulatorKnowledge([await loadDataset(file)]);
    expect(knowledge.unknown.map((testCase) => testCase.id)).toEqual(['T-01', 'T-02']);
    expect(knowledge.cases.filter((mockCase) => mockCase.right === undefined).map((mockCase) => `${mockCase.id}/${mockCase.step}`)).toEqual(['T-01/draft', 'T-02/draft']);
  });
});
