import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Case } from '../src/datasets/index.ts';
import { lastUserText, loadDataset } from '../src/datasets/index.ts';
import { renderStep } from '../src/datasets/render-step.ts';
import { conversationTranscript, stepCase } from '../src/datasets/step-case.ts';
import { findCase } from '../src/mock/index.ts';
import { scoreCase } from '../src/scoring/index.ts';
import { simulatorKnowledge } from '../src/session/simulator-cases.ts';
import { runCli } from './support/run-cli.ts';
import { makeWorkspace } from './support/run-folder.ts';
import { answerBooksFolder, datasetsFolder } from './support/shipped-datasets.ts';

type BookLine = { match: { caseId: string; step: string }; reply: string };

async function readBook(name: string): Promise<BookLine[]> {
  const text = await readFile(path.join(answerBooksFolder, `${name}.answers.jsonl`), 'utf8');
  return text.split('\n').filter((line) => line.trim() !== '').map((line) => JSON.parse(line) as BookLine);
}

const shipped = [
  { name: 'support-pipeline', kind: 'pipeline', cases: [20, 20], steps: ['classify', 'extract', 'draft'] },
  { name: 'support-conversation', kind: 'conversation', cases: [8, 10], steps: ['turn-1', 'turn-2', 'turn-3'] },
] as const;

describe.each(shipped)('shipped multi-call dataset $name', ({ name, kind, cases: [fewest, most], steps }) => {
  it('has scorers on every step and on the final output, and a book that answers exactly every step with the verdicts it says', async () => {
    const dataset = await loadDataset(path.join(datasetsFolder, `${name}.yaml`));
    expect(dataset.cases.length).toBeGreaterThanOrEqual(fewest);
    expect(dataset.cases.length).toBeLessThanOrEqual(most);
    for (const testCase of dataset.cases) {
      expect(testCase.calls?.kind).toBe(kind);
      expect(testCase.calls?.steps.map((step) => step.name)).toEqual(steps);
      expect(testCase.calls?.steps.every((step) => step.assert.length > 0), testCase.id).toBe(true);
      expect(testCase.assert.length, testCase.id).toBeGreaterThan(0);
    }
    const book = await readBook(name);
    const verdicts = JSON.parse(await readFile(path.join(answerBooksFolder, `${name}.verdicts.json`), 'utf8')) as Record<string, boolean>;
    const allSteps = dataset.cases.flatMap((testCase) => steps.map((step) => `${testCase.id}/${step}`));
    expect(book.map((line) => `${line.match.caseId}/${line.match.step}`).sort()).toEqual([...allSteps].sort());
    expect(Object.keys(verdicts).sort()).toEqual([...allSteps, ...dataset.cases.map((testCase) => testCase.id)].sort());
    // Some answers are wrong on purpose, so that a run against the simulator shows failures too.
    expect(Object.values(verdicts).filter((passed) => !passed).length).toBeGreaterThan(0);

    const got: Record<string, boolean> = {};
    const reply = (caseId: string, step: string) => book.find((line) => line.match.caseId === caseId && line.match.step === step)?.reply ?? '';
    for (const testCase of dataset.cases) {
      const answers = new Map<string, string>();
      for (const step of testCase.calls?.steps ?? []) {
        const { messages, system } = renderStep(step, answers);
        const score = await scoreCase(stepCase(testCase, step, messages, system), { output: reply(testCase.id, step.name) });
        got[`${testCase.id}/${step.name}`] = score?.passed ?? false;
        answers.set(step.name, reply(testCase.id, step.name));
      }
      const final =
        kind === 'pipeline'
          ? reply(testCase.id, testCase.calls?.output ?? '')
          : conversationTranscript((testCase.calls?.steps ?? []).map((step) => ({ user: lastUserText(step.messages), assistant: reply(testCase.id, step.name) })));
      got[testCase.id] = (await scoreCase(testCase, { output: final }))?.passed ?? false;
    }
    expect(got).toEqual(verdicts);
  });

  it('is known to the simulator step by step: each step, with earlier answers filled in, is found as itself', async () => {
    const dataset = await loadDataset(path.join(datasetsFolder, `${name}.yaml`));
    const knowledge = await simulatorKnowledge([dataset]);
    expect(knowledge.unknown).toEqual([]);
    expect(knowledge.cases.every((mockCase) => mockCase.right !== undefined && mockCase.wrong !== undefined)).toBe(true);
    const byPrompt = new Map(knowledge.cases.map((mockCase) => [mockCase.prompt, mockCase]));
    const found: string[] = [];
    for (const testCase of dataset.cases) {
      const answers = new Map<string, string>();
      for (const step of testCase.calls?.steps ?? []) {
        // Filled in with the simulator's own wrong answers: the step is still found.
        const mockCase = findCase(byPrompt, lastUserText(renderStep(step, answers).messages));
        found.push(`${mockCase?.id}/${mockCase?.step}`);
        answers.set(step.name, mockCase?.wrong?.text ?? '');
      }
    }
    expect(found).toEqual(dataset.cases.flatMap((testCase: Case) => steps.map((step) => `${testCase.id}/${step}`)));
  });
});

describe('the shipped multi-call datasets on the simulator, through the CLI', () => {
  it('runs both with no key: every step answered and scored, a pipeline record per case, per-step figures', async () => {
    const workspace = await makeWorkspace();
    try {
      const folder = path.join(workspace.path, 'run');
      const result = await runCli([
        'run', '-t', 'simulated:openai/gpt-4o-mini',
        '-d', path.join(datasetsFolder, 'support-pipeline.yaml'), '-d', path.join(datasetsFolder, 'support-conversation.yaml'),
        '--concurrency', '16', '--out', folder,
      ]);
      expect(result.stderr).toBe('');
      expect(result.exitCode).toBe(0);
      expect(result.stdout).not.toContain('unknown to the simulator');
      const records = (await readFile(path.join(folder, 'results.jsonl'), 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
      const final = (record: Record<string, unknown>) => record.final !== false;
      const stepRecords = records.filter((record) => record.step !== undefined && final(record));
      const caseRecords = records.filter((record) => record.step === undefined && final(record));
      expect(caseRecords).toHaveLength(28);
      expect(caseRecords.every((record) => record.pipeline !== undefined && record.status === 'ok')).toBe(true);
      const stepsOf = (dataset: string) => [...new Set(stepRecords.filter((record) => String(record.dataset).includes(dataset)).map((record) => String(record.step)))].sort();
      expect(stepsOf('support-pipeline')).toEqual(['classify', 'draft', 'extract']);
      expect(stepsOf('support-conversation')).toEqual(['turn-1', 'turn-2', 'turn-3']);
      expect(stepRecords).toHaveLength(20 * 3 + 8 * 3);
      // Every step answered from what the simulator knows: scored, and mostly right at the mini's accuracy.
      const scored = stepRecords.filter((record) => (record.score as { passed?: boolean } | undefined)?.passed !== undefined);
      expect(scored).toHaveLength(stepRecords.length);
      const passed = scored.filter((record) => (record.score as { passed: boolean }).passed).length;
      expect(passed / scored.length).toBeGreaterThan(0.5);
      expect(passed).toBeLessThan(scored.length);
      expect(result.stdout).toMatch(/classify/);
    } finally {
      await workspace.remove();
    }
  }, 240_000);
});
