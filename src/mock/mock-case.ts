import type { Answer } from './generation.ts';

/**
 * A case the simulator knows, by the text of its last user message. `right` and `wrong` are what
 * a model answers when it gets the case right or wrong (the CLI works them out from the dataset,
 * its answer book and its scorers); without them, `expected` is the right answer.
 */
export type MockCase = {
  id: string;
  /** One call of a multi-call case (a pipeline step, a conversation turn): its name. */
  step?: string;
  prompt: string;
  /**
   * For a call whose prompt embeds earlier answers (`{{steps.classify.output}}`), the static text
   * around them, in order: a prompt holding each part, one after the other, is this call's.
   */
  parts?: string[];
  expected?: string;
  right?: KnownAnswer;
  wrong?: KnownAnswer;
};

export type KnownAnswer = Pick<Answer, 'text' | 'toolCall'>;

/** A shorter prompt ("hi") inside another says nothing about which case is asked. */
const minimumContainedLength = 16;

/**
 * The case a prompt asks: the one whose prompt it is, else the one whose static text the prompt
 * holds the most of: a prompt it contains (a prompt variant that wraps the case's prompt in words
 * of its own), or every part of a call's template in order (a pipeline step with earlier answers
 * filled in). A variant that rewrites the prompt is not recognised.
 */
export function findCase(casesByPrompt: ReadonlyMap<string, MockCase>, prompt: string): MockCase | undefined {
  const exact = casesByPrompt.get(prompt);
  if (exact !== undefined || prompt === '') return exact;
  let found: MockCase | undefined;
  let foundLength = 0;
  for (const [text, mockCase] of casesByPrompt) {
    const length = mockCase.parts === undefined ? text.length : staticLength(mockCase.parts);
    if (length < minimumContainedLength || length <= foundLength) continue;
    const matches = mockCase.parts === undefined ? text.length < prompt.length && prompt.includes(text) : holdsInOrder(prompt, mockCase.parts);
    if (matches) {
      found = mockCase;
      foundLength = length;
    }
  }
  return found;
}

function staticLength(parts: readonly string[]): number {
  return parts.reduce((sum, part) => sum + part.length, 0);
}

/** Whether each part occurs in the prompt after the one before it. */
function holdsInOrder(prompt: string, parts: readonly string[]): boolean {
  let from = 0;
  for (const part of parts) {
    const at = prompt.indexOf(part, from);
    if (at === -1) return false;
    from = at + part.length;
  }
  return true;
}
