import type { ModelMessage } from 'ai';
import type { Case, CaseStep } from '../../datasets/case.ts';
import { renderStep, type StepAnswers } from '../../datasets/render-step.ts';

/**
 * What a step is sent: a pipeline step's templates filled with the answers it needs; a
 * conversation turn after the case's fixed history (its messages before the first turn's), each
 * earlier turn's user message and the model's own answer to it, then this turn's user message.
 */
export function stepMessages(testCase: Case, step: CaseStep, answers: StepAnswers): { messages: ModelMessage[]; system?: string; warnings: string[] } {
  const calls = testCase.calls;
  if (calls?.kind !== 'conversation') return renderStep(step, answers);
  // Case.messages is the fixed history and the first turn's user message.
  const history = testCase.messages.slice(0, -1);
  const index = calls.steps.indexOf(step);
  const earlier = calls.steps.slice(0, Math.max(0, index)).flatMap((turn): ModelMessage[] => [...turn.messages, { role: 'assistant', content: answers.get(turn.name) ?? '' }]);
  return { messages: [...history, ...earlier, ...step.messages], ...(step.system !== undefined ? { system: step.system } : {}), warnings: [] };
}
