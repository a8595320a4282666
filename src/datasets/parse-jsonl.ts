import { formatPath } from '../config/format-issues.ts';
import { duplicateJsonKey } from '../config/duplicate-json-key.ts';
import type { DatasetProblem, ParsedSource, SourceRecord } from './source-record.ts';

function isDefaultsRecord(value: unknown): value is { defaults: unknown } {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 1 && 'defaults' in value;
}

/**
 * The longest line a case may be: room for a million-token prompt (about 4 Mi characters), not
 * for a file that would make every request a runaway.
 */
const maxLineCharacters = 16 * 2 ** 20;

/**
 * A line with its raw tabs and carriage returns inside strings written as JSON escapes. JSON
 * refuses them raw, but a CSV cell or a YAML scalar holds them as text: a case reads the same
 * in every format.
 */
function escapeRawWhitespace(line: string): string {
  let escaped = '';
  let inString = false;
  for (let index = 0; index < line.length; index++) {
    const character = line[index] as string;
    if (inString && character === '\\') {
      escaped += line.slice(index, index + 2);
      index++;
      continue;
    }
    if (character === '"') inString = !inString;
    escaped += inString && character === '\t' ? '\\t' : inString && character === '\r' ? '\\r' : character;
  }
  return escaped;
}

function parseLine(content: string): unknown {
  try {
    return JSON.parse(content);
  } catch (error) {
    if (!/[\t\r]/.test(content)) throw error;
    return JSON.parse(escapeRawWhitespace(content));
  }
}

/**
 * One JSON object per line. Blank lines and lines starting with `//` or `#` are skipped, so a
 * dataset can be annotated. The first record may be `{"defaults": {...}}`, shared by every case.
 */
export function parseJsonl(text: string): ParsedSource {
  const records: SourceRecord[] = [];
  const problems: DatasetProblem[] = [];
  let defaults: SourceRecord | undefined;
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  for (const [index, rawLine] of lines.entries()) {
    const line = index + 1;
    if (rawLine.length > maxLineCharacters) {
      problems.push({ line, field: '(line)', message: `longer than ${maxLineCharacters / 2 ** 20} Mi characters (${(rawLine.length / 2 ** 20).toFixed(1)} Mi): too large for one case` });
      continue;
    }
    const content = rawLine.trim();
    if (content === '' || content.startsWith('//') || content.startsWith('#')) continue;
    let value: unknown;
    try {
      value = parseLine(content);
    } catch (error) {
      problems.push({ line, field: '(line)', message: `malformed JSON: ${(error as Error).message}` });
      continue;
    }
    const duplicate = duplicateJsonKey(content);
    if (duplicate !== undefined) {
      const key = String(duplicate.at(-1));
      problems.push({ line, field: formatPath(duplicate), message: `duplicate key "${key}" (each key once per object)` });
      continue;
    }
    if (isDefaultsRecord(value)) {
      if (records.length > 0 || defaults !== undefined) {
        problems.push({ line, field: 'defaults', message: 'a {"defaults": …} line must come before the first case' });
      } else {
        defaults = { line, value: value.defaults, lineOf: () => line };
      }
      continue;
    }
    records.push({ line, value });
  }
  return { defaults, records, problems };
}
