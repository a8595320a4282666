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

const stepPlaceholder = /\{\{\s*steps\.([\w-]+)\.(output|json)((?:\.[\w-]+)*)\s*\}\}/g;

/**
 * How many whole answers of each step a template embeds: one per `.output`; the fields of its
 * JSON (`.json.PATH`) are parts of one answer, so together they count once, or as many times as
 * the most repeated field (n copies of each of k fields are at most n whole answers).
 */
function embedsOf(text: string): Map<string, number> {
  const outputs = new Map<string, number>();
  const fields = new Map<string, Map<string, number>>();
  for (const [, step, kind, path] of text.matchAll(stepPlaceholder)) {
    if (kind === 'output') outputs.set(step!, (outputs.get(step!) ?? 0) + 1);
    else {
      const paths = fields.get(step!) ?? new Map<string, number>();
      paths.set(path ?? '', (paths.get(path ?? '') ?? 0) + 1);
      fields.set(step!, paths);
    }
  }
  for (const [step, paths] of fields) outputs.set(step, (outputs.get(step) ?? 0) + Math.max(...paths.values()));
  return outputs;
}

/** The calls a case makes: one, or one per step or turn, in the file's order. */
export function caseCallShapes(testCase: Case): CallShape[] {
  if (!testCase.calls) return [shapeOf(testCase.messages, testCase, new Map())];
  if (testCase.calls.kind === 'pipeline') {
    return testCase.calls.steps.map((step) => {
      const embeds = embedsOf(messagesText(step.messages, step.system ?? testCase.system));
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
