import type { Answer } from './generation.ts';

/**
 * A case the simulator knows, by the text of its last user message. `right` and `wrong` are what
 * a model answers when it gets the case right or wrong (the CLI works them out from the dataset,
 * its answer book and its scorers); without them, `expected` is the right answer.
 */
export type MockCase = {
  id: string;
  prompt: string;
  expected?: string;
  right?: KnownAnswer;
  wrong?: KnownAnswer;
};

export type KnownAnswer = Pick<Answer, 'text' | 'toolCall'>;

/** A shorter prompt ("hi") inside another says nothing about which case is asked. */
const minimumContainedLength = 16;

/**
 * The case a prompt asks: the one whose prompt it is, else the one with the longest prompt it
 * contains (a prompt variant that wraps the case's prompt in words of its own). A variant that
 * rewrites the prompt is not recognised.
 */
export function findCase(casesByPrompt: ReadonlyMap<string, MockCase>, prompt: string): MockCase | undefined {
  const exact = casesByPrompt.get(prompt);
  if (exact !== undefined || prompt === '') return exact;
  let found: MockCase | undefined;
  for (const [text, mockCase] of casesByPrompt) {
    if (text.length < minimumContainedLength || text.length <= (found?.prompt.length ?? 0)) continue;
    if (text.length < prompt.length && prompt.includes(text)) found = mockCase;
  }
  return found;
}
