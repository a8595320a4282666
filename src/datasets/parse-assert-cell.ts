import { duplicateJsonKey } from '../config/duplicate-json-key.ts';

/** Scorers whose shorthand value is a list, written `a|b|c`. */
const listTypes = new Set(['contains-any', 'contains-all']);

/**
 * A CSV `assert` cell: a JSON array (or one JSON object), or shorthand, one scorer per line:
 * `type:value` (`icontains:paris`, `regex:^\d+$`, `contains-any:Paris|paris`) or a bare `type`
 * (`json`). The value is trimmed; a scorer with other options needs the JSON form.
 */
export function parseAssertCell(cell: string): { assert: unknown[] } | { problem: string; path?: PropertyKey[] } {
  const content = cell.trim();
  if (content.startsWith('[') || content.startsWith('{')) {
    let value: unknown;
    try {
      value = JSON.parse(content);
    } catch (error) {
      return { problem: `malformed JSON: ${(error as Error).message}` };
    }
    // Refused as a JSONL line refuses it: JSON.parse would keep the last silently.
    const duplicate = duplicateJsonKey(content);
    if (duplicate !== undefined) {
      const path = Array.isArray(value) ? duplicate : [0, ...duplicate];
      return { problem: `duplicate key "${String(duplicate.at(-1))}" (each key once per object)`, path };
    }
    return { assert: Array.isArray(value) ? value : [value] };
  }
  const assert = content
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line) => {
      const colon = line.indexOf(':');
      if (colon === -1) return { type: line };
      const type = line.slice(0, colon).trim();
      const value = line.slice(colon + 1).trim();
      return { type, value: listTypes.has(type) ? value.split('|').map((item) => item.trim()) : value };
    });
  return { assert };
}
