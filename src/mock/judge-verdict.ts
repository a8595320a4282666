import type { Answer } from './generation.ts';
import { findCase, type MockCase } from './mock-case.ts';
import { lastUserText, type NormalizedRequest } from './normalized-request.ts';

/** How llm-bench's `llm-judge` scorer opens its system prompt (src/scoring/judge-prompt.ts). */
const judgeSystemOpening = 'You grade answers.';
const fencedAnswer = /<(answer-[0-9a-f]+)>\n([\s\S]*)\n<\/\1>\s*$/;
const questionSection = /<question>\n([\s\S]*?)\n<\/question>/;

/**
 * A simulated model asked to judge an answer to a case it knows grades it as the simulator
 * answered it: its own right answer scores 1, its own wrong answer 0. An answer it did not give
 * (from a real model) gets 0 and says so, since the simulator cannot read. Undefined when the
 * request is not an llm-judge request, or about no known case.
 */
export function gradeJudgeRequest(request: NormalizedRequest, casesByPrompt: ReadonlyMap<string, MockCase>): Answer | undefined {
  const system = request.messages.find((message) => message.role === 'system')?.text ?? '';
  if (!system.startsWith(judgeSystemOpening)) return undefined;
  const prompt = lastUserText(request);
  const answer = fencedAnswer.exec(prompt)?.[2];
  const question = questionSection.exec(prompt)?.[1];
  if (answer === undefined || question === undefined) return undefined;
  const mockCase = findCase(casesByPrompt, question);
  if (mockCase?.right === undefined) return undefined;
  const given = answer.trim();
  const verdict =
    given === mockCase.right.text.trim()
      ? { score: 1, reason: 'The answer meets the rubric.' }
      : given === mockCase.wrong?.text.trim()
        ? { score: 0, reason: 'The answer does not meet the rubric.' }
        : { score: 0, reason: 'The simulated judge knows only the answers the simulator gave.' };
  return { text: JSON.stringify(verdict), kind: 'verdict' };
}
