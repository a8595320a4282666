import type { ModelMessage } from 'ai';
import type { CaseStep } from './case.ts';
import { renderTemplate } from './render-template.ts';

/** The answers of the steps that have answered so far, by step name. */
export type StepAnswers = ReadonlyMap<string, string>;

const stepPlaceholder = /\{\{\s*(steps\.[\w.-]+)\s*\}\}/g;

/**
 * The template variables a step's placeholders name, from the answers they need:
 * `steps.NAME.output` is the answer's text, `steps.NAME.json.PATH` a field of it parsed as JSON
 * (a ```json fence around it is allowed; a number segment indexes an array). A path that is
 * missing, an answer that is not JSON or a step that has not answered renders as empty text, with
 * a warning naming the placeholder: the step is still sent, and its scorers judge the result.
 */
export function stepVars(answers: StepAnswers, names: Iterable<string>): { vars: Record<string, string>; warnings: string[] } {
  const vars: Record<string, string> = {};
  const warnings: string[] = [];
  const parsed = new Map<string, { value: unknown } | undefined>();
  for (const name of new Set(names)) {
    const match = /^steps\.([\w-]+)\.(output|json)(?:\.(.+))?$/.exec(name);
    if (!match) continue;
    const [, step = '', kind, path] = match;
    const answer = answers.get(step);
    if (answer === undefined) {
      vars[name] = '';
      warnings.push(`{{${name}}}: step ${step} has no answer; rendered as empty text`);
      continue;
    }
    if (kind === 'output') {
      if (path !== undefined) continue;
      vars[name] = answer;
      continue;
    }
    if (!parsed.has(step)) parsed.set(step, parseAnswerJson(answer));
    const json = parsed.get(step);
    if (!json) {
      vars[name] = '';
      warnings.push(`{{${name}}}: the answer of step ${step} is not JSON; rendered as empty text`);
      continue;
    }
    const found = path === undefined ? json : valueAt(json.value, path.split('.'));
    if (!found) {
      vars[name] = '';
      warnings.push(`{{${name}}}: the answer of step ${step} has no ${path}; rendered as empty text`);
      continue;
    }
    vars[name] = typeof found.value === 'string' ? found.value : JSON.stringify(found.value);
  }
  return { vars, warnings };
}

/** A step's messages and system prompt with the answers of the steps it needs filled in. */
export function renderStep(step: CaseStep, answers: StepAnswers): { messages: ModelMessage[]; system?: string; warnings: string[] } {
  const names = [...placeholdersOf(step.messages), ...(step.system === undefined ? [] : [...step.system.matchAll(stepPlaceholder)].map((found) => found[1] ?? ''))];
  const { vars, warnings } = stepVars(answers, names);
  const render = (text: string) => (names.length === 0 ? text : renderTemplate(text, vars).text);
  const messages = step.messages.map((message) => renderMessage(message, render));
  return { messages, ...(step.system !== undefined ? { system: render(step.system) } : {}), warnings };
}

function placeholdersOf(messages: readonly ModelMessage[]): string[] {
  const names: string[] = [];
  for (const message of messages) {
    const texts = typeof message.content === 'string' ? [message.content] : message.content.flatMap((part) => (part.type === 'text' ? [part.text] : []));
    for (const text of texts) for (const found of text.matchAll(stepPlaceholder)) names.push(found[1] ?? '');
  }
  return names;
}

function renderMessage(message: ModelMessage, render: (text: string) => string): ModelMessage {
  if (typeof message.content === 'string') return { ...message, content: render(message.content) } as ModelMessage;
  const content = message.content.map((part) => (part.type === 'text' ? { ...part, text: render(part.text) } : part));
  return { ...message, content } as ModelMessage;
}

/** The answer as JSON, allowing a ```json fence around it; undefined when it does not parse. */
function parseAnswerJson(answer: string): { value: unknown } | undefined {
  const fenced = /^\s*```(?:json)?\s*\n([\s\S]*?)\n?\s*```\s*$/i.exec(answer);
  try {
    return { value: JSON.parse(fenced?.[1] ?? answer) as unknown };
  } catch {
    return undefined;
  }
}

function valueAt(value: unknown, segments: readonly string[]): { value: unknown } | undefined {
  let current = value;
  for (const segment of segments) {
    if (Array.isArray(current) && /^\d+$/.test(segment)) {
      const index = Number(segment);
      if (index >= current.length) return undefined;
      current = current[index];
    } else if (current !== null && typeof current === 'object' && Object.hasOwn(current, segment)) {
      current = (current as Record<string, unknown>)[segment];
    } else {
      return undefined;
    }
  }
  return { value: current };
}
