import type { ModelMessage } from 'ai';
import type { CaseInput, DatasetDefaults } from '../../config/dataset-schema.ts';
import type { Case, CaseCalls } from '../case.ts';
import type { DatasetProblem } from '../source-record.ts';
import { buildConversation } from './build-conversation.ts';
import { buildPipeline } from './build-pipeline.ts';

/** Fills a template's variables; `steps` leaves `{{steps.…}}` for the runner to fill. */
export type RenderTemplate = (template: string, path: PropertyKey[], field: string, options?: { steps?: boolean }) => string;

export type CallsContext = {
  defaults: DatasetDefaults;
  render: RenderTemplate;
  lineOf: (path: readonly PropertyKey[]) => number;
  /** The case's own line: where a problem of the case as a whole is reported. */
  line: number;
  problems: DatasetProblem[];
};

/** What a multi-call case puts into its Case beside `calls`. */
export type BuiltCalls = { calls: CaseCalls; messages: ModelMessage[]; system?: string } & Pick<Case, 'tools' | 'toolChoice'>;

/** Case fields that belong to one call: a multi-call case gives them on its steps. */
const perCallFields = {
  steps: ['prompt', 'messages', 'images', 'tools', 'tool_choice', 'schema'],
  turns: ['prompt', 'images', 'schema'],
} as const;

/**
 * A case written with `steps:` (a pipeline) or `turns:` (a live conversation), validated: every
 * problem goes to `context.problems`, at the line of the step or field it is about. Undefined for
 * a single-call case.
 */
export function buildCalls(input: CaseInput, context: CallsContext): BuiltCalls | undefined {
  const kind = input.steps !== undefined ? 'steps' : input.turns !== undefined ? 'turns' : undefined;
  if (kind === undefined) {
    if (input.output !== undefined) context.problems.push({ line: context.lineOf(['output']), field: 'output', message: 'only a case with "steps" has an output step' });
    return undefined;
  }
  if (input.steps !== undefined && input.turns !== undefined) {
    context.problems.push({ line: context.lineOf(['turns']), field: 'turns', message: 'give "steps" (a pipeline) or "turns" (a conversation), not both' });
  }
  for (const field of perCallFields[kind]) {
    if (input[field] === undefined) continue;
    const where = kind === 'steps' ? 'give it on each step that needs it' : field === 'prompt' ? 'give the first user message as the first turn' : 'not supported in a conversation';
    context.problems.push({ line: context.lineOf([field]), field, message: `not a field of a case with "${kind}": ${where}` });
  }
  if (kind === 'turns' && input.output !== undefined) {
    context.problems.push({ line: context.lineOf(['output']), field: 'output', message: 'a conversation\'s final output is its transcript: "output" names the output step of a case with "steps"' });
  }
  const built = kind === 'steps' ? buildPipeline(input, input.steps ?? [], context) : buildConversation(input, context);
  // Earlier answers fill prompts and messages only: a scorer's value would be compared as written.
  built.calls.steps.forEach((step, index) => {
    // An expected answer becomes a scorer too: one problem for the one mistake.
    const field = mentionsSteps(step.expected) ? 'expected' : mentionsSteps(step.assert) ? 'assert' : undefined;
    if (field) context.problems.push({ line: step.line, field: `${kind}[${index}].${field}`, message: placeholderInScorer });
  });
  const caseField = mentionsSteps(input.expected) ? 'expected' : mentionsSteps(input.assert) ? 'assert' : undefined;
  if (caseField) context.problems.push({ line: context.lineOf([caseField]), field: caseField, message: placeholderInScorer });
  return built;
}

const placeholderInScorer = '{{steps.…}} is filled in prompts and messages only: an expected answer or a scorer would be compared with it as written';

function mentionsSteps(value: unknown): boolean {
  return value !== undefined && /\{\{\s*steps\./.test(JSON.stringify(value));
}
