import { isNode, LineCounter, parseDocument, type Document } from 'yaml';
import type { TextProblem } from './decode-input-text.ts';
import { formatPath } from './format-issues.ts';
import { yamlErrorMessage } from './yaml-error-message.ts';
import { yamlLine } from './yaml-line.ts';
import { yamlToJS } from './yaml-to-js.ts';

export type ParsedConfigText =
  | { value: unknown; lineOf(path: readonly PropertyKey[]): number | undefined }
  | { problems: TextProblem[] };

/** `… in JSON at position 12 (line 2 column 5)`: V8 names the line; older messages only the offset. */
function jsonErrorLine(text: string, message: string): number {
  const line = /\(line (\d+) column \d+\)/.exec(message)?.[1];
  if (line !== undefined) return Number(line);
  const position = /at position (\d+)/.exec(message)?.[1];
  return position === undefined ? 1 : text.slice(0, Number(position)).split('\n').length;
}

function parseJson(text: string): { value: unknown } | { problem: TextProblem } {
  try {
    return { value: JSON.parse(text) as unknown };
  } catch (error) {
    const message = (error as Error).message;
    return { problem: { line: jsonErrorLine(text, message), field: '(json)', message: message.replace(/ in JSON at position \d+.*$/, '') } };
  }
}

/**
 * An eval file's text as data, with the line of every key. YAML goes through the project's guard
 * against alias bombs. JSON is held to JSON (no comments, no trailing commas) by JSON.parse, and
 * read again by the YAML parser, which reads JSON too, for its lines and to refuse a key written
 * twice (JSON.parse keeps the last one silently).
 */
export function parseConfigText(text: string, format: 'yaml' | 'json'): ParsedConfigText {
  let json: unknown;
  if (format === 'json') {
    const parsed = parseJson(text);
    if ('problem' in parsed) return { problems: [parsed.problem] };
    json = parsed.value;
  }
  const lineCounter = new LineCounter();
  const document: Document = parseDocument(text, { lineCounter, prettyErrors: false, logLevel: 'error' });
  // JSON.parse has already accepted a JSON file: only the YAML reading's verdict on duplicates counts.
  const errors = format === 'json' ? document.errors.filter((error) => error.code === 'DUPLICATE_KEY') : document.errors;
  if (errors.length > 0) {
    const field = format === 'json' ? '(json)' : '(yaml)';
    return { problems: errors.map((error) => ({ line: lineCounter.linePos(error.pos[0]).line, field, message: yamlErrorMessage(error, 'an eval file') })) };
  }
  // A key that is not there is reported where its parent is; an empty file at its first line.
  const lineOf = (path: readonly PropertyKey[]) => (isNode(document.contents) ? yamlLine(document, lineCounter, path) : undefined) ?? 1;
  if (format === 'json') return { value: json, lineOf };
  const converted = yamlToJS(document, lineCounter);
  if ('message' in converted) {
    return { problems: [{ line: converted.line, field: formatPath(converted.path as PropertyKey[]).replace('(case)', '(file)'), message: converted.message }] };
  }
  return { value: converted.value, lineOf };
}
