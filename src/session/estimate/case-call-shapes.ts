import type { ModelMessage } from 'ai';
import type { Case, CaseStep } from '../../datasets/case.ts';
import { messagesText } from '../../runner/token-counter.ts';

/**
 * One call of a case as the estimate sees it: the text it sends as written, and the earlier
 * answers it embeds (a pipeline step's `{{steps.NAME.…}}`, a conversation's earlier turns),
 * whose lengths are only known as expected or worst figures.
 */
export type CallShape = {
  /** The step's name; undefined for a single-call case. */
  step?: CaseStep;
  text: string;
  messages: number;
  images: number;
  /** Step name → how many times its answer is in this call's input. */
  embeds: Map<string, number>;
};

const stepPlaceholder = /\{\{\s*steps\.([\w-]+)\.(?:output|json)(?:\.[\w.-]*)?\s*\}\}/g;

/** The calls a case makes: one, or one per step or turn, in the file's order. */
export function caseCallShapes(testCase: Case): CallShape[] {
  if (!testCase.calls) return [shapeOf(testCase.messages, testCase, new Map())];
  if (testCase.calls.kind === 'pipeline') {
    return testCase.calls.steps.map((step) => {
      const embeds = new Map<string, number>();
      for (const match of messagesText(step.messages, step.system ?? testCase.system).matchAll(stepPlaceholder)) embeds.set(match[1]!, (embeds.get(match[1]!) ?? 0) + 1);
      return { ...shapeOf(step.messages, { ...testCase, system: step.system ?? testCase.system, tools: step.tools, schema: step.schema }, embeds), step };
    });
  }
  // A conversation: its fixed history (Case.messages without the first turn's user message), then
  // every earlier turn's user message and the model's answer to it, then this turn's message.
  const history = testCase.messages.slice(0, -1);
  return testCase.calls.steps.map((step, index) => {
    const earlier = testCase.calls!.steps.slice(0, index);
    const messages = [...history, ...earlier.flatMap((turn) => turn.messages), ...step.messages];
    const embeds = new Map(earlier.map((turn) => [turn.name, 1]));
    return { ...shapeOf(messages, testCase, embeds, earlier.length), step };
  });
}

function shapeOf(messages: ModelMessage[], testCase: Pick<Case, 'system' | 'tools' | 'schema'>, embeds: Map<string, number>, answers = 0): CallShape {
  // Tool definitions and an output schema are sent, and billed, as input too.
  const extras = [testCase.tools, testCase.schema].flatMap((value) => (value === undefined ? [] : [JSON.stringify(value)]));
  const text = [messagesText(messages, testCase.system).replace(stepPlaceholder, ''), ...extras].join('\n');
  const images = messages.reduce((count, message) => count + (typeof message.content === 'string' ? 0 : message.content.filter((part) => part.type === 'file' || part.type === 'image').length), 0);
  return { text, messages: messages.length + answers + (testCase.system ? 1 : 0), images, embeds };
}
