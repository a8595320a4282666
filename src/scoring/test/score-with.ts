import { assertionSchema } from '../../config/assertion-schema.ts';
import type { Case } from '../../datasets/case.ts';
import { createScorer } from '../create-scorer.ts';
import type { Score, ScoringInput } from '../../records/score.ts';
import type { ScoringContext } from '../scorer.ts';

export const testCase: Case = { id: 'case', line: 1, messages: [{ role: 'user', content: 'question' }], assert: [], tags: [], vars: {} };

/** Validates an assertion as a dataset would, then scores one answer (a string or a full input) with it. */
export async function scoreWith(assertion: unknown, answer: string | ScoringInput, context: ScoringContext = {}): Promise<Score> {
  const scorer = createScorer(assertionSchema.parse(assertion));
  const input = typeof answer === 'string' ? { output: answer } : answer;
  return scorer(input, { ...context, testCase });
}

/** Whether each answer passes, for tables of answers. */
export async function passes(assertion: unknown, answers: string[]): Promise<boolean[]> {
  return Promise.all(answers.map(async (answer) => (await scoreWith(assertion, answer)).passed));
}
