import { createHash } from 'node:crypto';
import path from 'node:path';
import { isScalar, LineCounter, parseDocument } from 'yaml';
import { decodeInputText } from '../config/decode-input-text.ts';
import { formatIssues, formatPath } from '../config/format-issues.ts';
import { promptFileSchema } from '../config/prompt-file-schema.ts';
import { readInputFile } from '../config/read-input-file.ts';
import { yamlLine } from '../config/yaml-line.ts';
import { yamlToJS } from '../config/yaml-to-js.ts';
import type { DatasetProblem } from './source-record.ts';
import { maxCaseCharacters, valueTextProblems } from '../config/value-text-problems.ts';

/** A template and where its text starts, so a problem points at the line of a `{{name}}`. */
export type PromptTemplate = { text: string; lineAt(index: number): number };

export type PromptFile = {
  label?: string;
  labelLine: number;
  system?: PromptTemplate;
  prompt: PromptTemplate;
  /** Of the bytes read: a run's identity, without reading the file a second time. */
  sha256: string;
};

const textExtensions = ['.txt', '.md'];

/** A prompt file holds one prompt: room for as much text as one case may hold, with its markup. */
export const maxPromptFileBytes = 4 * maxCaseCharacters;
const yamlExtensions = ['.yaml', '.yml'];

function linesBefore(text: string, index: number): number {
  let count = 0;
  for (let position = text.indexOf('\n'); position !== -1 && position < index; position = text.indexOf('\n', position + 1)) count += 1;
  return count;
}

function readYaml(text: string): { file?: Omit<PromptFile, 'sha256'>; problems: DatasetProblem[] } {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false, logLevel: 'error' });
  if (document.errors.length > 0) {
    return { problems: document.errors.map((error) => ({ line: lineCounter.linePos(error.pos[0]).line, field: '(yaml)', message: error.message })) };
  }
  const converted = yamlToJS(document, lineCounter);
  if ('message' in converted) return { problems: [{ line: converted.line, field: formatPath(converted.path as PropertyKey[]).replace('(case)', '(file)'), message: converted.message }] };
  // What a dataset's case may not hold, a prompt file may not either (an escaped "\0" included).
  const textProblems = valueTextProblems(converted.value);
  if (textProblems.length > 0) {
    return {
      problems: textProblems.map(({ path: fieldPath, message }) => ({
        line: yamlLine(document, lineCounter, fieldPath) ?? 1,
        field: formatPath(fieldPath).replace('(case)', '(file)'),
        message,
      })),
    };
  }
  const lineOf = (key: string): number => {
    const node = document.get(key, true) as { range?: [number, number, number] } | undefined;
    return node?.range ? lineCounter.linePos(node.range[0]).line : 1;
  };
  const value = converted.value;
  const result = promptFileSchema.safeParse(value);
  if (!result.success) {
    const problems = formatIssues(result.error.issues, value).map(({ path: fieldPath, field, message }) => ({
      line: typeof fieldPath[0] === 'string' ? lineOf(fieldPath[0]) : 1,
      field: field === '(case)' ? '(file)' : field,
      message: field === '(case)' ? 'expected {label?, system?, prompt}' : message,
    }));
    return { problems };
  }
  const template = (key: 'prompt' | 'system', text: string): PromptTemplate => {
    const node = document.get(key, true);
    const start = lineOf(key);
    // A block scalar (`|`) starts on the line after its indicator, one text line per file line.
    const block = isScalar(node) && node.type === 'BLOCK_LITERAL';
    // `|` keeps a final newline; a prompt never means to end with one.
    return { text: text.trimEnd(), lineAt: (index) => (block ? start + 1 + linesBefore(text, index) : start) };
  };
  const { label, system, prompt } = result.data;
  return {
    file: {
      ...(label !== undefined && { label }),
      labelLine: lineOf('label'),
      ...(system !== undefined && { system: template('system', system) }),
      prompt: template('prompt', prompt),
    },
    problems: [],
  };
}

/**
 * Reads a prompt file: YAML (`{label?, system?, prompt}`) or plain text (`.txt`, `.md`: the
 * whole file is the prompt template, without its trailing newline).
 */
export async function readPromptFile(filePath: string): Promise<{ file?: PromptFile; problems: DatasetProblem[] }> {
  const extension = path.extname(filePath).toLowerCase();
  if (!textExtensions.includes(extension) && !yamlExtensions.includes(extension)) {
    return { problems: [{ line: 1, field: '(file)', message: `unsupported prompt file "${extension}" (use .yaml, .yml, .txt or .md)` }] };
  }
  const bytes = await readInputFile({ path: filePath, what: 'prompt file', maxBytes: maxPromptFileBytes });
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const { text, problems } = decodeInputText(bytes);
  if (problems.length > 0) return { problems };
  if (yamlExtensions.includes(extension)) {
    const { file, problems: yamlProblems } = readYaml(text);
    return { ...(file ? { file: { ...file, sha256 } } : {}), problems: yamlProblems };
  }
  const prompt = text.trimEnd();
  if (prompt.trim() === '') return { problems: [{ line: 1, field: '(file)', message: 'the prompt file is empty' }] };
  // As a YAML prompt file's text and a case's are (valueTextProblems).
  if (prompt.length > maxCaseCharacters) {
    return { problems: [{ line: 1, field: '(file)', message: `more than ${maxCaseCharacters / 2 ** 20} Mi characters: too large for one case` }] };
  }
  return { file: { labelLine: 1, prompt: { text: prompt, lineAt: (index) => 1 + linesBefore(prompt, index) }, sha256 }, problems: [] };
}
