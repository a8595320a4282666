import { access } from 'node:fs/promises';
import path from 'node:path';
import type { Case, Dataset, PromptVariant } from '../datasets/index.ts';
import { lastUserText } from '../datasets/index.ts';
import { findBookEntry, findCase, loadAnswerBook, type AnswerBookEntry, type KnownAnswer, type MockCase } from '../mock/index.ts';
import { shortenMiddle } from '../reports/display-width.ts';
import { terminalSafe } from '../reports/terminal-safe.ts';
import { caseLabel } from '../records/index.ts';
import { scoreCase } from '../scoring/index.ts';
import { staticParts } from '../datasets/calls/step-references.ts';
import { stepCase } from '../datasets/step-case.ts';
import { synthesizeRightAnswers, synthesizeWrongAnswers } from './synthesize-answers.ts';

/** What the simulator knows of the datasets it is given, and what it does not. */
export type SimulatorKnowledge = {
  cases: MockCase[];
  /** Cases it has no right answer for: a model asked one echoes the start of its prompt. */
  unknown: Case[];
  /** The answer books it read. */
  books: string[];
};

/** `datasets/foo.jsonl` → `datasets/answer-books/foo.answers.jsonl`, as the shipped datasets have. */
export function answerBookPath(datasetPath: string): string {
  const name = path.basename(datasetPath).replace(/\.(jsonl|csv|ya?ml)$/i, '');
  return path.join(path.dirname(datasetPath), 'answer-books', `${name}.answers.jsonl`);
}

/**
 * What the simulator needs to answer a dataset's cases as a model would: for each case, found by
 * the text of its last user message, one answer its scorers pass and one they fail. They come
 * from the dataset's answer book (when `answerBooks` and the book exists), its `expected`, or are
 * built from its assertions, and each is scored here, so that a simulated model with accuracy
 * 0.75 passes about 75% of the cases whatever their scorers are. The `llm-judge`, latency and cost
 * checks are left out: the simulated judge grades an answer by which of the two it is.
 */
export async function simulatorKnowledge(datasets: readonly Dataset[], { answerBooks = true } = {}): Promise<SimulatorKnowledge> {
  const cases: MockCase[] = [];
  const unknown: Case[] = [];
  const books: string[] = [];
  for (const dataset of datasets) {
    const bookPath = answerBookPath(dataset.path);
    const book = answerBooks && (await exists(bookPath)) ? await loadAnswerBook(bookPath) : [];
    if (book.length > 0) books.push(bookPath);
    const calls = dataset.cases.flatMap(simulatedCalls);
    const rights = await Promise.all(calls.map(({ call, step }) => rightAnswer(call, bookAnswer(book, call, step))));
    const unknownIds = new Set<string>();
    for (const [index, { owner, call, step, mockCase }] of calls.entries()) {
      const right = rights[index];
      if (right === undefined) {
        if (call.expected === undefined && !unknownIds.has(owner.id)) {
          unknownIds.add(owner.id);
          unknown.push(owner);
        }
        cases.push(mockCase);
        continue;
      }
      // Another case's answer to the same step is a plausible wrong one (a reply drafted for another ticket).
      const positions = [...calls.keys()];
      const others = [...positions.slice(index + 1), ...positions.slice(0, index)].flatMap((position) => {
        const answer = rights[position];
        return answer !== undefined && calls[position]?.step === step ? [answer] : [];
      });
      const wrong = await wrongAnswer(call, right, [bookAnswer(book, call, step), ...synthesizeWrongAnswers(call.assert), ...others]);
      cases.push({ ...mockCase, right, ...(wrong ? { wrong } : {}) });
    }
  }
  return { cases, unknown, books };
}

/** One request the simulator must answer: a single-call case, or one call of a multi-call case. */
type SimulatedCall = { owner: Case; call: Case; step: string | undefined; mockCase: MockCase };

/**
 * The calls of a case, each as a single-call case of its own (its messages, system, scorers and
 * tools) and the MockCase that finds it: a step whose prompt embeds earlier answers is found by
 * the static text around them.
 */
function simulatedCalls(testCase: Case): SimulatedCall[] {
  const single = (call: Case, step: string | undefined): SimulatedCall => {
    const prompt = lastUserText(call.messages);
    const parts = staticParts(prompt);
    return {
      owner: testCase,
      call,
      step,
      mockCase: {
        id: testCase.id,
        ...(step !== undefined ? { step } : {}),
        prompt,
        ...(parts.length > 1 ? { parts } : {}),
        ...(call.expected !== undefined ? { expected: call.expected } : {}),
      },
    };
  };
  if (testCase.calls === undefined) return [single(testCase, undefined)];
  return testCase.calls.steps.map((step) => single(stepCase(testCase, step, step.messages), step.name));
}

/**
 * What a run prints before it starts when the simulator would echo some of its cases: a line for
 * the dataset's own prompts, or one for each prompt variant (a variant that rewrites a case's
 * prompt, rather than wrapping it in words of its own, makes the case unknown).
 */
export function unknownCasesLines(knowledge: SimulatorKnowledge, cases: readonly Case[], variants: readonly PromptVariant[] = []): string[] {
  if (variants.length === 0) return describeUnknown(knowledge.unknown, cases.length, '');
  const byPrompt = new Map(knowledge.cases.map((mockCase) => [mockCase.prompt, mockCase]));
  const answerable = new Set(knowledge.cases.flatMap((mockCase) => (mockCase.right !== undefined || mockCase.expected !== undefined ? [mockCase.id] : [])));
  return variants.flatMap((variant) => {
    const unknown = cases.filter((testCase) => {
      const found = findCase(byPrompt, lastUserText(variant.apply(testCase).messages));
      return found?.id !== testCase.id || !answerable.has(found.id);
    });
    return describeUnknown(unknown, cases.length, `prompt ${variant.label}: `);
  });
}

/** Ids named in the notice, each cut in its middle to this many columns: the rest are counted. */
const shownIds = 3;
const idWidth = 40;

function describeUnknown(unknown: readonly Case[], total: number, prefix: string): string[] {
  if (unknown.length === 0) return [];
  // Printed in one line of ours: an id cannot add lines of its own, nor fill the screen.
  const ids = unknown
    .slice(0, shownIds)
    .map((testCase) => shortenMiddle(terminalSafe(caseLabel({ dataset: testCase.dataset, caseId: testCase.id }), { oneLine: true }), idWidth))
    .join(', ');
  const more = unknown.length > shownIds ? ` and ${unknown.length - shownIds} more` : '';
  return [`${prefix}${unknown.length} of ${total} cases are unknown to the simulator: their answers are echoes (${ids}${more}).`];
}

function bookAnswer(book: AnswerBookEntry[], testCase: Case, step: string | undefined): KnownAnswer | undefined {
  const entry = findBookEntry(book, testCase.id, lastUserText(testCase.messages), step);
  if (entry === undefined) return undefined;
  return { text: entry.reply, ...(entry.toolCall ? { toolCall: entry.toolCall } : {}) };
}

type Verdict = 'pass' | 'fail' | 'none';

const unscorableTypes = new Set(['llm-judge', 'latency', 'cost']);

/**
 * Whether a model could give this answer to this request: a call only to a tool the case declares
 * and its tool choice allows, and a call whenever the tool choice forces one (the AI SDK refuses
 * an answer without it, as it would a real model's).
 */
function couldAnswer(testCase: Case, answer: KnownAnswer): boolean {
  const choice = testCase.toolChoice ?? 'auto';
  const call = answer.toolCall;
  if (call === undefined) return choice === 'auto' || choice === 'none';
  if (choice === 'none' || !(testCase.tools ?? []).some((tool) => tool.name === call.name)) return false;
  return typeof choice === 'string' || choice.toolName === call.name;
}

async function verdict(testCase: Case, answer: KnownAnswer): Promise<Verdict> {
  const assert = testCase.assert.filter((assertion) => !unscorableTypes.has(assertion.type));
  if (assert.length === 0) return 'none';
  const toolCalls = answer.toolCall ? [{ name: answer.toolCall.name, arguments: answer.toolCall.arguments }] : undefined;
  const score = await scoreCase({ ...testCase, assert }, { output: answer.text, ...(toolCalls ? { toolCalls } : {}) });
  if (score === undefined || score.unscored) return 'none';
  return score.passed ? 'pass' : 'fail';
}

async function rightAnswer(testCase: Case, fromBook: KnownAnswer | undefined): Promise<KnownAnswer | undefined> {
  const written = [fromBook, testCase.expected !== undefined ? { text: testCase.expected } : undefined].flatMap((answer) => (answer ? [answer] : []));
  const candidates = [...written, ...synthesizeRightAnswers(testCase.assert)];
  let unscorable: KnownAnswer | undefined;
  for (const candidate of candidates.filter((answer) => couldAnswer(testCase, answer))) {
    const result = await verdict(testCase, candidate);
    if (result === 'pass') return candidate;
    // Only a judge can tell (a conversation graded by llm-judge alone): trust what the dataset wrote.
    if (result === 'none' && written.includes(candidate)) unscorable ??= candidate;
  }
  return unscorable;
}

async function wrongAnswer(testCase: Case, right: KnownAnswer, candidates: Array<KnownAnswer | undefined>): Promise<KnownAnswer | undefined> {
  const possible = [...candidates, { text: "I'm not sure." }].filter(
    (candidate): candidate is KnownAnswer => candidate !== undefined && !sameAnswer(candidate, right) && couldAnswer(testCase, candidate),
  );
  for (const candidate of possible) {
    if ((await verdict(testCase, candidate)) === 'fail') return candidate;
  }
  // Where a judge has the last word, any other answer will do: the simulated judge fails it.
  return testCase.assert.some((assertion) => assertion.type === 'llm-judge') ? possible[0] : undefined;
}

function sameAnswer(a: KnownAnswer, b: KnownAnswer): boolean {
  return a.text.trim() === b.text.trim() && JSON.stringify(a.toolCall) === JSON.stringify(b.toolCall);
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}
