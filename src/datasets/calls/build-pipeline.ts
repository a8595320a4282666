import type { ModelMessage } from 'ai';
import type { CaseInput, StepInput } from '../../config/dataset-schema.ts';
import type { CaseStep } from '../case.ts';
import { toolChoiceProblem } from '../resolve-case-tools.ts';
import type { BuiltCalls, CallsContext } from './build-calls.ts';
import { callAssertions, caseSystem, caseTools, toModelMessage } from './call-parts.ts';
import { stepReferences } from './step-references.ts';
import { stepTargetProblem } from './step-target-problem.ts';

/** What checking one step needs of the steps around it. */
type StepScope = {
  /** Steps declared before this one, by name, with their position. */
  declared: ReadonlyMap<string, number>;
  /** Every step name of the case. */
  names: ReadonlySet<string>;
  /** The case's or the dataset's system prompt, for a step that gives none. */
  sharedSystem: string | undefined;
};

/** A pipeline: its steps, each checked at its own line, and the step whose answer is the case's. */
export function buildPipeline(input: CaseInput, written: readonly StepInput[], context: CallsContext): BuiltCalls {
  const declared = new Map<string, number>();
  const scope: StepScope = { declared, names: new Set(written.map((step) => step.name)), sharedSystem: caseSystem(input, context) };
  const problemsBefore = context.problems.length;
  const steps: CaseStep[] = [];
  for (const [index, step] of written.entries()) {
    steps.push(buildStep(step, index, scope, context));
    if (!declared.has(step.name)) declared.set(step.name, index);
  }
  const first = steps[0];
  return {
    // Final steps are only worth counting once every step's own references are right.
    calls: { kind: 'pipeline', steps, output: outputStep(input, steps, context, context.problems.length === problemsBefore) },
    messages: first?.messages ?? [],
    ...(first?.system !== undefined && { system: first.system }),
  };
}

function buildStep(step: StepInput, index: number, scope: StepScope, context: CallsContext): CaseStep {
  const at = (path: readonly PropertyKey[]) => context.lineOf(['steps', index, ...path]);
  const field = (name: string) => `steps[${index}].${name}`;
  const problem = (path: PropertyKey[], name: string, message: string) => context.problems.push({ line: at(path), field: field(name), message: `step "${step.name}": ${message}` });
  const { declared } = scope;
  if (declared.has(step.name)) problem(['name'], 'name', `duplicate step name (first is steps[${declared.get(step.name)}])`);
  if (step.prompt === undefined && step.messages === undefined) problem([], 'prompt', 'required (give "prompt" or "messages")');
  if (step.prompt !== undefined && step.messages !== undefined) problem(['messages'], 'messages', 'give "prompt" or "messages", not both');
  const hasSystemMessage = step.messages?.some((message) => message.role === 'system') ?? false;
  if (step.system !== undefined && hasSystemMessage) problem(['system'], 'system', 'give "system" or a system message in "messages", not both');

  const needs = new Set<string>();
  const use = (name: string, path: PropertyKey[], fieldName: string, how: string) => {
    if (name === step.name) problem(path, fieldName, `${how} its own answer`);
    else if (declared.has(name)) needs.add(name);
    else if (scope.names.has(name)) problem(path, fieldName, `${how} step "${name}", declared after it (a step may only use the steps before it)`);
    else problem(path, fieldName, `${how} step "${name}", which the case does not have (steps before it: ${[...declared.keys()].join(', ') || 'none'})`);
  };
  for (const template of templatesOf(step)) {
    for (const reference of stepReferences(template.text)) {
      if (reference.problem !== undefined) problem(template.path, template.name, reference.problem);
      else use(reference.step, template.path, template.name, `{{${reference.text}}} uses`);
    }
  }
  for (const [position, name] of (step.after ?? []).entries()) use(name, ['after', position], `after[${position}]`, 'waits for');
  const targetProblem = step.target === undefined ? undefined : stepTargetProblem(step.target);
  if (targetProblem !== undefined) problem(['target'], 'target', targetProblem);
  const tools = caseTools(step.tools);
  const toolChoice = step.tool_choice;
  const choiceProblem = toolChoiceProblem(tools, toolChoice);
  if (choiceProblem !== undefined) problem(['tool_choice'], 'tool_choice', choiceProblem);
  if (step.schema !== undefined && step.assert === undefined && step.expected !== undefined) {
    problem(['expected'], 'expected', 'is not scored in a step with "schema"; give the fields to match as assert: [{"type": "json", "value": {…}}]');
  }

  // The case's vars are filled now; `{{steps.…}}` when the runner sends the step.
  const render = (text: string, path: PropertyKey[], name: string) => context.render(text, ['steps', index, ...path], field(name), { steps: true });
  const messages: ModelMessage[] =
    step.prompt !== undefined
      ? [{ role: 'user', content: render(step.prompt, ['prompt'], 'prompt') }]
      : (step.messages ?? []).map((message, position) =>
          toModelMessage({ ...message, content: render(message.content, ['messages', position, 'content'], `messages[${position}].content`) }),
        );
  const system = step.system !== undefined ? render(step.system, ['system'], 'system') : hasSystemMessage ? undefined : scope.sharedSystem;
  return {
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
  };
}

/** The texts of a step that may use earlier answers, with where each is written. */
function templatesOf(step: StepInput): Array<{ text: string; path: PropertyKey[]; name: string }> {
  return [
    ...(step.prompt !== undefined ? [{ text: step.prompt, path: ['prompt'], name: 'prompt' }] : []),
    ...(step.messages ?? []).map((message, position) => ({ text: message.content, path: ['messages', position, 'content'], name: `messages[${position}].content` })),
    ...(step.system !== undefined ? [{ text: step.system, path: ['system'], name: 'system' }] : []),
  ];
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


