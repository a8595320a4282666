import type { z } from 'zod';

/** One validation problem, with the path kept so a caller can look up the line it belongs to. */
export type FieldProblem = {
  path: PropertyKey[];
  /** `assert[0].type`, `vars.city`; `(case)` for the record itself. */
  field: string;
  message: string;
};

/** `['assert', 0, 'type']` -> `assert[0].type`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let field = '';
  for (const key of path) {
    if (typeof key === 'number') field += `[${key}]`;
    else field += field === '' ? String(key) : `.${String(key)}`;
  }
  return field === '' ? '(case)' : field;
}

/** A short description of a value for messages: `number 3`, `array`, `null`. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  return `${typeof value} ${String(value)}`;
}

/** Field names whose values are credentials (as src/targets/url-credential.ts names them), and the AI Gateway's `byok`. */
const secretField = /key|token|secret|passw(?:or)?d|passphrase|auth|signature|credential|bearer|jwt|session|cookie|byok|^(?:sig|pwd|pass|sas)$/i;

/** `a string`, `a number`: what a value is, without what it says. */
function describeKind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/**
 * Turns zod issues into messages a dataset author can act on: `required`, `expected string, got
 * number 3`, `unknown field (known: …)`. Messages written in the schemas are kept as they are;
 * zod's generic ones (they start with "Invalid input") are rewritten with the offending value.
 */
export function formatIssues(issues: readonly z.core.$ZodIssue[], input: unknown): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const path = [...issue.path, key];
        problems.push({ path, field: formatPath(path), message: issue.message });
      }
      continue;
    }
    const value = valueAt(input, issue.path);
    // A value under a credential's name (an apiKey, anything under the gateway's byok) is named by its kind only: never printed.
    const shown = issue.path.some((key) => typeof key === 'string' && secretField.test(key)) ? describeKind(value) : describeValue(value);
    let message = issue.message;
    if (message.startsWith('Invalid input') || message.startsWith('Invalid option')) {
      if (value === undefined) message = 'required';
      else if (issue.code === 'invalid_type') message = `expected ${issue.expected}, got ${shown}`;
      else message = `invalid value: ${shown}`;
    }
    problems.push({ path: [...issue.path], field: formatPath(issue.path), message });
  }
  return problems;
}
