import { findForbiddenCharacter } from './forbidden-character.ts';

/** Deeper than any tool schema or answer a person writes; a deeper value is an attack on the stack. */
export const maxNestingDepth = 100;

/**
 * The most text one case may hold once read, in UTF-16 units: the same bound as a JSONL line, so
 * a YAML alias or a CSV cell cannot make a case that a JSONL line could not be.
 */
export const maxCaseCharacters = 16 * 2 ** 20;

/** Per case: the first few say what is wrong; a thousand more would only bury the others. */
const maxProblems = 10;

export type ValueProblem = { path: PropertyKey[]; message: string };

/**
 * What a case read from any format may not hold, whatever the format let through: text with a
 * control character or an unpaired surrogate (an escaped `\u0000` as much as a raw NUL), nesting
 * deeper than `maxNestingDepth`, or more than `maxCaseCharacters` of text once aliases are
 * expanded. Walks without recursion and stops at the size bound, so a hostile value costs little.
 */
export function valueTextProblems(value: unknown): ValueProblem[] {
  const problems: ValueProblem[] = [];
  const stack: Array<{ value: unknown; path: PropertyKey[] }> = [{ value, path: [] }];
  let characters = 0;
  const checkText = (text: string, path: PropertyKey[]) => {
    characters += text.length + 1;
    const found = findForbiddenCharacter(text);
    if (found !== undefined && problems.length < maxProblems) problems.push({ path, message: found.message() });
  };
  while (stack.length > 0) {
    const { value: current, path } = stack.pop() as { value: unknown; path: PropertyKey[] };
    if (characters > maxCaseCharacters) {
      // At the field being read when the bound was passed: the one a YAML alias bomb is under.
      const message = `more than ${maxCaseCharacters / 2 ** 20} Mi characters of text in one case, with YAML aliases expanded: too large for one case`;
      return [...problems, { path: path.slice(0, 1), message }];
    }
    if (typeof current === 'string') checkText(current, path);
    if (typeof current !== 'object' || current === null) {
      characters += 1;
      continue;
    }
    if (path.length >= maxNestingDepth) {
      // Reported where the nesting starts: a path a hundred levels long says nothing more.
      problems.push({ path: path.slice(0, 2), message: `nested deeper than ${maxNestingDepth} levels` });
      continue;
    }
    const entries: Array<[PropertyKey, unknown]> = Array.isArray(current) ? current.map((item, index) => [index, item]) : Object.entries(current);
    for (const [key, item] of entries.reverse()) {
      if (typeof key === 'string') checkText(key, [...path, key]);
      stack.push({ value: item, path: [...path, key] });
    }
  }
  return problems;
}
