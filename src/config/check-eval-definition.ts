import type { z } from 'zod';
import { didYouMean } from './did-you-mean.ts';
import { evalDefinitionSchema, type EvalDefinition } from './eval-definition.ts';
import { formatIssues, formatPath, type FieldProblem } from './format-issues.ts';
import { runSettings } from './settings/run-settings.ts';

type Issue = z.core.$ZodIssue;

/** What zod calls a type, as a user reads it. */
const typeNames: Record<string, string> = { record: 'object', tuple: 'array' };

/**
 * A union's issue as the user would want it: when the value is of none of the union's types,
 * `expected string or array, got number 3`; when it is of one of them (an object where a target
 * may be a text or an object), that branch's own issues, at their own paths.
 */
function flattenUnion(issue: Issue): Issue[] {
  if (issue.code !== 'invalid_union' || issue.errors.length === 0) return [issue];
  const wrongType = (branch: Issue[]) => branch.length === 1 && branch[0]?.code === 'invalid_type' && branch[0].path.length === 0;
  const matching = issue.errors.filter((branch) => !wrongType(branch));
  if (matching.length === 1) return (matching[0] as Issue[]).flatMap((inner) => flattenUnion({ ...inner, path: [...issue.path, ...inner.path] } as Issue));
  if (matching.length > 0) return [issue];
  const expected = [...new Set(issue.errors.map((branch) => (branch[0] as z.core.$ZodIssueInvalidType).expected).map((type) => typeNames[type] ?? type))];
  return [{ code: 'invalid_type', expected: expected.join(' or '), path: issue.path, message: 'Invalid input', input: undefined } as unknown as Issue];
}

/** The keys an object in the schema knows, at a path of the input (through optionals, unions and lists). */
function knownKeysAt(schema: z.core.$ZodType, path: readonly PropertyKey[]): string[] {
  const def = schema._zod.def as unknown as Record<string, unknown> & { type: string };
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
      return knownKeysAt(def.innerType as z.core.$ZodType, path);
    case 'union':
      return [...new Set((def.options as z.core.$ZodType[]).flatMap((option) => knownKeysAt(option, path)))];
    case 'object': {
      const shape = def.shape as Record<string, z.core.$ZodType>;
      if (path.length === 0) return Object.keys(shape);
      const child = shape[String(path[0])];
      return child === undefined ? [] : knownKeysAt(child, path.slice(1));
    }
    case 'array':
      return path.length === 0 ? [] : knownKeysAt(def.element as z.core.$ZodType, path.slice(1));
    default:
      return [];
  }
}

/** Every place a setting may be written, by the names a user might write it under: `concurrency` -> `run.concurrency`. */
const settingPlaces = Object.values(runSettings).flatMap((setting) => {
  const place = setting.path.join('.');
  return [setting.path.at(-1) as string, ...(setting.flag ? [setting.flag] : [])].map((name) => ({ name, place }));
});

/** `unknown field; did you mean run.concurrency?`: a close sibling, or the same setting in another section. */
function unknownFieldMessage(path: readonly PropertyKey[], original: string): string {
  const key = String(path.at(-1));
  const parent = path.slice(0, -1);
  const sibling = didYouMean(key, knownKeysAt(evalDefinitionSchema, parent));
  if (sibling !== undefined) return `unknown field; did you mean ${formatPath([...parent, sibling])}?`;
  // Only at the top or in a section: a target's or a reporter's fields are not settings.
  if (parent.length <= 1 && parent.every((part) => typeof part === 'string')) {
    const name = didYouMean(key, settingPlaces.map((place) => place.name));
    const place = settingPlaces.find((candidate) => candidate.name === name)?.place;
    if (place !== undefined && place !== formatPath(path)) return `unknown field; did you mean ${place}?`;
  }
  return original;
}

/**
 * Checks an eval definition (a parsed file, or what a TypeScript config exports) against the
 * schema, returning every problem at once, each at its path, for the caller to give a line.
 */
export function checkEvalDefinition(input: unknown): { definition: EvalDefinition } | { problems: FieldProblem[] } {
  if (input === null || input === undefined) return { problems: [{ path: [], field: '(file)', message: 'empty: expected a mapping of settings such as datasets, targets and run' }] };
  if (typeof input !== 'object' || Array.isArray(input)) {
    const got = Array.isArray(input) ? 'a list' : `${typeof input} ${JSON.stringify(String(input).slice(0, 40))}`;
    return { problems: [{ path: [], field: '(file)', message: `expected a mapping of settings such as datasets, targets and run, got ${got}` }] };
  }
  const parsed = evalDefinitionSchema.safeParse(input);
  if (parsed.success) return { definition: parsed.data as EvalDefinition };
  const issues = parsed.error.issues.flatMap(flattenUnion);
  const unknownKeys = new Set(
    issues.flatMap((issue) => (issue.code === 'unrecognized_keys' ? issue.keys.map((key) => formatPath([...issue.path, key])) : [])),
  );
  const problems = formatIssues(issues, input).map((problem) => {
    if (problem.path.length === 0) return { ...problem, field: '(file)' };
    return unknownKeys.has(problem.field) ? { ...problem, message: unknownFieldMessage(problem.path, problem.message) } : problem;
  });
  return { problems };
}
