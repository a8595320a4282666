import type { ModelMessage } from 'ai';
import type { CaseInput, DatasetDefaults, StepInput } from '../../config/dataset-schema.ts';
import type { Assertion, Case, CaseCalls, CaseStep } from '../case.ts';
import { defaultAssertion } from '../default-assertion.ts';
import { toolChoiceProblem } from '../resolve-case-tools.ts';
import type { DatasetProblem } from '../source-record.ts';
import { stepReferences } from './step-references.ts';
import { stepTargetProblem } from './step-target-problem.ts';

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

type Message = { role: 'system' | 'user' | 'assistant'; content: string };

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
  return kind === 'steps' ? buildPipeline(input, input.steps ?? [], context) : buildConversation(input, context);
}

function toModelMessage({ role, content }: Message): ModelMessage {
  return role === 'system' ? { role, content } : role === 'user' ? { role, content } : { role, content };
}

/** A call's scorers, as a single case's: its own, else `json` against its schema, else the default for `expected`. */
function callAssertions(own: Assertion[] | undefined, expected: string | undefined, schema: Record<string, unknown> | undefined): Assertion[] {
  const assertions = own ?? (schema !== undefined ? [{ type: 'json', schema }] : expected !== undefined ? [defaultAssertion(expected)] : []);
  return schema === undefined ? assertions : assertions.map((assertion) => (assertion.type === 'json' && assertion.schema === undefined ? { ...assertion, schema } : assertion));
}

function buildPipeline(input: CaseInput, written: StepInput[], context: CallsContext): BuiltCalls {
  const { lineOf, problems, render } = context;
  const declared = new Map<string, number>();
  const later = new Set(written.map((step) => step.name));
  const steps: CaseStep[] = [];
  const problemsBefore = problems.length;
  const sharedSystem = caseSystem(input, context);
  for (const [index, step] of written.entries()) {
    const at = (path: PropertyKey[]) => lineOf(['steps', index, ...path]);
    const field = (name: string) => `steps[${index}].${name}`;
    const label = `step "${step.name}"`;
    const problem = (path: PropertyKey[], name: string, message: string) => problems.push({ line: at(path), field: field(name), message: `${label}: ${message}` });
    if (declared.has(step.name)) problem(['name'], 'name', `duplicate step name (first is steps[${declared.get(step.name)}])`);
    if (step.prompt === undefined && step.messages === undefined) problem([], 'prompt', 'required (give "prompt" or "messages")');
    if (step.prompt !== undefined && step.messages !== undefined) problem(['messages'], 'messages', 'give "prompt" or "messages", not both');
    const hasSystemMessage = step.messages?.some((message) => message.role === 'system') ?? false;
    if (step.system !== undefined && hasSystemMessage) problem(['system'], 'system', 'give "system" or a system message in "messages", not both');

    const templates: Array<{ text: string; path: PropertyKey[]; name: string }> = [
      ...(step.prompt !== undefined ? [{ text: step.prompt, path: ['prompt'], name: 'prompt' }] : []),
      ...(step.messages ?? []).map((message, position) => ({ text: message.content, path: ['messages', position, 'content'], name: `messages[${position}].content` })),
      ...(step.system !== undefined ? [{ text: step.system, path: ['system'], name: 'system' }] : []),
    ];
    const needs = new Set<string>();
    const use = (name: string, path: PropertyKey[], fieldName: string, how: string) => {
      if (name === step.name) problem(path, fieldName, `${how} its own answer`);
      else if (declared.has(name)) needs.add(name);
      else if (later.has(name)) problem(path, fieldName, `${how} step "${name}", declared after it (a step may only use the steps before it)`);
      else problem(path, fieldName, `${how} step "${name}", which the case does not have (steps before it: ${[...declared.keys()].join(', ') || 'none'})`);
    };
    for (const template of templates) {
      for (const reference of stepReferences(template.text)) {
        if (reference.problem !== undefined) problem(template.path, template.name, reference.problem);
        else use(reference.step, template.path, template.name, `{{${reference.text}}} uses`);
      }
    }
    for (const [position, name] of (step.after ?? []).entries()) use(name, ['after', position], `after[${position}]`, 'waits for');
    if (step.target !== undefined) {
      const targetProblem = stepTargetProblem(step.target);
      if (targetProblem !== undefined) problem(['target'], 'target', targetProblem);
    }
    const tools = step.tools?.map(({ name, description, parameters }) => ({ name, ...(description !== undefined && { description }), parameters }));
    const toolChoice = step.tool_choice;
    const choiceProblem = toolChoiceProblem(tools, toolChoice);
    if (choiceProblem !== undefined) problem(['tool_choice'], 'tool_choice', choiceProblem);
    if (step.schema !== undefined && step.assert === undefined && step.expected !== undefined) {
      problem(['expected'], 'expected', 'is not scored in a step with "schema"; give the fields to match as assert: [{"type": "json", "value": {…}}]');
    }

    const renderStep = (text: string, path: PropertyKey[], name: string) => render(text, ['steps', index, ...path], field(name), { steps: true });
    const messages: ModelMessage[] =
      step.prompt !== undefined
        ? [{ role: 'user', content: renderStep(step.prompt, ['prompt'], 'prompt') }]
        : (step.messages ?? []).map((message, position) =>
            toModelMessage({ ...message, content: renderStep(message.content, ['messages', position, 'content'], `messages[${position}].content`) }),
          );
    const system = step.system !== undefined ? renderStep(step.system, ['system'], 'system') : hasSystemMessage ? undefined : sharedSystem;
    if (!declared.has(step.name)) declared.set(step.name, index);
    steps.push({
      name: step.name,
      line: at([]),
      messages,
      ...(system !== undefined && { system }),
      after: [...declared.keys()].filter((name) => needs.has(name)),
      ...(step.target !== undefined && { target: step.target.trim() }),
      ...(step.expected !== undefined && { expected: step.expected }),
      assert: callAssertions(step.assert, step.expected, step.schema),
      ...(tools !== undefined && { tools }),
      ...(toolChoice !== undefined && { toolChoice }),
      ...(step.schema !== undefined && { schema: step.schema }),
    });
  }
  const first = steps[0];
  return {
    // Final steps are only worth counting once every step's own references are right.
    calls: { kind: 'pipeline', steps, output: outputStep(input, steps, context, problems.length === problemsBefore) },
    messages: first?.messages ?? [],
    ...(first?.system !== undefined && { system: first.system }),
  };
}

/** The file's `output:`, else the one step no other step waits for. */
function outputStep(input: CaseInput, steps: readonly CaseStep[], context: CallsContext, stepsFine: boolean): string {
  const names = steps.map((step) => step.name);
  if (input.output !== undefined) {
    if (!names.includes(input.output)) {
      context.problems.push({ line: context.lineOf(['output']), field: 'output', message: `names step "${input.output}", which the case does not have (steps: ${names.join(', ')})` });
    }
    return input.output;
  }
  const needed = new Set(steps.flatMap((step) => step.after));
  const final = names.filter((name) => !needed.has(name));
  if (final.length > 1 && stepsFine) {
    context.problems.push({
      line: context.lineOf(['steps']),
      field: 'output',
      message: `several final steps (${final.join(', ')}), no step waits for them: give output: NAME, the step whose answer is the case's`,
    });
  }
  return final.at(-1) ?? names.at(-1) ?? '';
}

/** The case's `system`, else the dataset's: every call that gives none of its own has it. */
function caseSystem(input: CaseInput, { render, defaults }: CallsContext): string | undefined {
  if (input.system !== undefined) return render(input.system, ['system'], 'system');
  return defaults.system === undefined ? undefined : render(defaults.system, [], 'defaults.system');
}

function buildConversation(input: CaseInput, context: CallsContext): BuiltCalls {
  const { lineOf, render, defaults } = context;
  const history: ModelMessage[] = (input.messages ?? []).map((message, index) =>
    toModelMessage({ ...message, content: render(message.content, ['messages', index, 'content'], `messages[${index}].content`) }),
  );
  const hasSystemMessage = input.messages?.some((message) => message.role === 'system') ?? false;
  if (input.system !== undefined && hasSystemMessage) {
    context.problems.push({ line: lineOf(['system']), field: 'system', message: 'give "system" or a system message in "messages", not both' });
  }
  const system = hasSystemMessage && input.system === undefined ? undefined : caseSystem(input, context);
  const tools = (input.tools ?? defaults.tools)?.map(({ name, description, parameters }) => ({ name, ...(description !== undefined && { description }), parameters }));
  const toolChoice = input.tool_choice ?? defaults.tool_choice;
  if (input.tools !== undefined || input.tool_choice !== undefined) {
    const problem = toolChoiceProblem(tools, toolChoice);
    if (problem !== undefined) context.problems.push({ line: lineOf([input.tool_choice !== undefined ? 'tool_choice' : 'tools']), field: 'tool_choice', message: problem });
  }
  const steps: CaseStep[] = (input.turns ?? []).map((turn, index) => ({
    name: `turn-${index + 1}`,
    line: lineOf(['turns', index]),
    messages: [{ role: 'user', content: render(turn.user, ['turns', index, 'user'], `turns[${index}].user`) }],
    ...(system !== undefined && { system }),
    after: index === 0 ? [] : [`turn-${index}`],
    ...(turn.expected !== undefined && { expected: turn.expected }),
    assert: callAssertions(turn.assert, turn.expected, undefined),
    ...(tools !== undefined && { tools }),
    ...(toolChoice !== undefined && { toolChoice }),
  }));
  return {
    calls: { kind: 'conversation', steps, output: steps.at(-1)?.name ?? 'turn-1' },
    messages: [...history, ...(steps[0]?.messages ?? [])],
    ...(system !== undefined && { system }),
    ...(tools !== undefined && { tools }),
    ...(toolChoice !== undefined && { toolChoice }),
  };
}
