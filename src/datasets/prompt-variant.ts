import path from 'node:path';
import type { ModelMessage, UserModelMessage } from 'ai';
import { DatasetError } from '../config/errors.ts';
import type { Case } from './case.ts';
import { readPromptFile, type PromptFile, type PromptTemplate } from './read-prompt-file.ts';
import { renderTemplate } from './render-template.ts';
import { maxCaseCharacters } from '../config/value-text-problems.ts';
import type { DatasetProblem } from './source-record.ts';

/** The same cases, asked another way (`--prompt FILE`), so two prompt versions can be compared. */
export type PromptVariant = {
  /** The `label` of the file, else its base name without extension; unique in a run. */
  label: string;
  path: string;
  /** SHA-256 of the file as it was read: part of a run's identity. */
  sha256: string;
  /**
   * The case with its last user message's text (and, when the file gives one, its system prompt)
   * replaced by the file's rendered templates. Throws a DatasetError when a `{{name}}` has no value.
   */
  apply(testCase: Case): Case;
};

/** A variable a case cannot fill, kept apart so many cases missing the same one make one line. */
type Missing = { line: number; field: string; name: string; caseId: string; known: string[]; tooLong?: true };

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function textOf(message: UserModelMessage): string {
  if (typeof message.content === 'string') return message.content;
  return message.content.flatMap((part) => (part.type === 'text' ? [part.text] : [])).join('\n');
}

/** `{{prompt}}` is the case's own (rendered) prompt; the expected answer is never offered. */
function render(template: PromptTemplate, field: string, vars: Record<string, string>, caseId: string, missing: Missing[]): string {
  const result = renderTemplate(template.text, vars);
  // Reported like a missing variable: per line, with the cases it happens in.
  if (result.tooLong) missing.push({ line: template.lineAt(Math.max(0, template.text.indexOf('{{'))), field, name: '', caseId, known: [], tooLong: true });
  for (const name of result.missing) {
    const index = template.text.search(new RegExp(`\\{\\{\\s*${escapeRegExp(name)}\\s*\\}\\}`));
    missing.push({ line: template.lineAt(Math.max(0, index)), field, name, caseId, known: Object.keys(vars) });
  }
  return result.text;
}

function applyFile(file: PromptFile, testCase: Case, missing: Missing[]): Case {
  const index = testCase.messages.findLastIndex((message) => message.role === 'user');
  const last = testCase.messages[index] as UserModelMessage | undefined;
  const vars = { ...testCase.vars, prompt: last === undefined ? '' : textOf(last) };
  const text = render(file.prompt, 'prompt', vars, testCase.id, missing);
  // Images and other parts of the message stay; only its words are the variant's.
  const content: UserModelMessage['content'] =
    last === undefined || typeof last.content === 'string' ? text : [{ type: 'text', text }, ...last.content.filter((part) => part.type !== 'text')];
  let messages: ModelMessage[] = index === -1 ? [...testCase.messages, { role: 'user', content }] : testCase.messages.with(index, { role: 'user', content });
  if (file.system === undefined) return { ...testCase, messages };
  const system = render(file.system, 'system', vars, testCase.id, missing);
  messages = messages.filter((message) => message.role !== 'system');
  return { ...testCase, messages, system };
}

function formatMissing(filePath: string, missing: Missing[]): string[] {
  const groups = new Map<string, Missing[]>();
  for (const item of missing) {
    const key = `${item.line}\0${item.field}\0${item.name}`;
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  return [...groups.values()].map((items) => {
    const [first] = items as [Missing, ...Missing[]];
    const ids = [...new Set(items.map((item) => item.caseId))];
    const cases = ids.length === 1 ? `case "${ids[0]}"` : `cases ${ids.slice(0, 3).map((id) => `"${id}"`).join(', ')}${ids.length > 3 ? `, … (${ids.length} cases)` : ''}`;
    if (first.tooLong) return `${filePath}:${first.line}: ${first.field}: with the variables of ${cases} filled, more than ${maxCaseCharacters / 2 ** 20} Mi characters: too large for one case`;
    const hint = first.name === 'expected' ? 'the expected answer is never given to a prompt' : `vars: ${first.known.join(', ')}`;
    return `${filePath}:${first.line}: ${first.field}: template variable "${first.name}" has no value in ${cases} (${hint})`;
  });
}

function variantOf(filePath: string, file: PromptFile): PromptVariant {
  return {
    label: file.label ?? path.basename(filePath, path.extname(filePath)),
    path: filePath,
    sha256: file.sha256,
    apply(testCase) {
      const missing: Missing[] = [];
      const applied = applyFile(file, testCase, missing);
      if (missing.length > 0) throw new DatasetError(formatMissing(filePath, missing));
      return applied;
    },
  };
}

/**
 * Reads prompt files (`--prompt FILE`, repeatable). Every problem of every file is thrown
 * together as one DatasetError. With `cases`, every variant is also applied to every case
 * first, so a `{{name}}` some case cannot fill is reported before anything is sent.
 */
export async function loadPromptVariants(paths: readonly string[], cases?: readonly Case[]): Promise<PromptVariant[]> {
  const problems: string[] = [];
  const variants: PromptVariant[] = [];
  const firstOfLabel = new Map<string, string>();
  for (const filePath of paths) {
    const { file, problems: fileProblems } = await readPromptFile(filePath);
    const located = (problem: DatasetProblem) => `${filePath}:${problem.line}: ${problem.field}: ${problem.message}`;
    problems.push(...fileProblems.map(located));
    if (file === undefined) continue;
    const variant = variantOf(filePath, file);
    const first = firstOfLabel.get(variant.label);
    if (first !== undefined) {
      problems.push(located({ line: file.labelLine, field: 'label', message: `duplicate label "${variant.label}" (also ${first}); give each file its own "label"` }));
      continue;
    }
    firstOfLabel.set(variant.label, filePath);
    variants.push(variant);
    if (cases === undefined) continue;
    const missing: Missing[] = [];
    for (const testCase of cases) applyFile(file, testCase, missing);
    problems.push(...formatMissing(filePath, missing));
  }
  if (problems.length > 0) throw new DatasetError(problems);
  return variants;
}
