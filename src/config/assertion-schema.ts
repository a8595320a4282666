import { z } from 'zod';
import { jsonSchemaObject as jsonSchema } from './json-schema-object.ts';
import { boundedNumber } from './bounded-number.ts';
import { limits } from './limits.ts';
import { strictObject } from './strict-object.ts';

/** Every assertion may weigh more or less than the default 1 in its case's combined score. */
const weight = boundedNumber(limits.weight).optional();

/** Numbers in a dataset are written for people: `expected: 4` means the text "4". */
const text = z.union([z.string(), z.number()], { error: 'expected a string' }).transform(String);
const nonEmptyText = text.refine((value) => value !== '', 'must not be empty');
const textList = z.array(nonEmptyText, { error: 'expected a list of strings' }).min(1, 'expected at least one string');
const threshold = boundedNumber(limits.fraction);

/** The options of the text scorers; `ignoreCase` is forced on by `icontains`. */
const textOptions = {
  ignoreCase: z.boolean().optional(),
  /** Match whole words only, so "4" does not match "14" and "cat" does not match "category". */
  wholeWord: z.boolean().optional(),
};

export const equalsAssertionSchema = strictObject({
  type: z.literal('equals'),
  value: text,
  weight,
  ignoreCase: z.boolean().optional(),
  /** On by default: a trailing newline is never the point of a test. */
  trim: z.boolean().optional(),
  collapseWhitespace: z.boolean().optional(),
  ignorePunctuation: z.boolean().optional(),
});

const substringAssertion = <Type extends string>(type: Type) =>
  strictObject({ type: z.literal(type), value: nonEmptyText, weight, ...textOptions });
export const containsAssertionSchema = substringAssertion('contains');
export const icontainsAssertionSchema = substringAssertion('icontains');
export const notContainsAssertionSchema = substringAssertion('not-contains');
export const startsWithAssertionSchema = strictObject({
  type: z.literal('starts-with'),
  value: nonEmptyText,
  weight,
  ignoreCase: z.boolean().optional(),
  /** On by default: models often open with a space or a newline. */
  trim: z.boolean().optional(),
});

const substringListAssertion = <Type extends string>(type: Type) =>
  strictObject({ type: z.literal(type), value: textList, weight, ...textOptions });
export const containsAnyAssertionSchema = substringListAssertion('contains-any');
export const containsAllAssertionSchema = substringListAssertion('contains-all');

export const regexAssertionSchema = strictObject({
  type: z.literal('regex'),
  value: z.string({ error: 'expected a regular expression (a string)' }),
  weight,
  flags: z.string().regex(/^[dgimsuvy]*$/, 'expected regular expression flags such as "i", "m", "s"').optional(),
}).superRefine((assertion, context) => {
  try {
    new RegExp(assertion.value, assertion.flags);
  } catch (error) {
    context.addIssue({ code: 'custom', path: ['value'], message: `invalid regular expression: ${(error as Error).message}` });
  }
});

const writtenNumber = /^\s*[-+]?(?:(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+)(?:[eE][-+]?\d+)?%?\s*$|^\s*[-+]?\d+\s*\/\s*\d+\s*$/;

/** "1e400" and "1/0" are written numbers no answer could be within a tolerance of. */
function isFiniteWrittenNumber(text: string): boolean {
  // Not a written number at all: the pattern has said so.
  if (!writtenNumber.test(text)) return true;
  const fraction = /^\s*[-+]?(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  if (fraction) return Number(fraction[2]) > 0 && Number.isFinite(Number(fraction[1]));
  return Number.isFinite(Number(text.replace(/[,%\s]/g, '')));
}

export const numericAssertionSchema = strictObject({
  type: z.literal('numeric'),
  /** A number, or a string such as "1,234", "3.5%" or "1/2" read the same way as answers are. */
  value: z.union(
    [
      z.number(),
      z
        .string()
        .regex(writtenNumber, 'expected a number such as 42, -2, 1,234, 3.5% or 1/2')
        .refine(isFiniteWrittenNumber, 'expected a finite number (not one that overflows, nor a fraction over 0)'),
    ],
    { error: 'expected a number' },
  ),
  weight,
  /** Absolute: the answer passes when |answer - value| <= tolerance. */
  tolerance: boundedNumber(limits.tolerance).optional(),
});

export const choiceAssertionSchema = strictObject({
  type: z.literal('choice'),
  value: z.string({ error: 'expected an option letter such as "C"' }).regex(/^[A-Za-z]$/, 'expected one option letter such as "C"').transform((letter) => letter.toUpperCase()),
  weight,
  /** The option letters on offer, "ABCD" for four options; A to J when not given. */
  letters: z.string().regex(/^[A-Za-z]{2,26}$/, 'expected the option letters, such as "ABCD"').transform((letters) => letters.toUpperCase()).optional(),
}).superRefine((assertion, context) => {
  if (assertion.letters !== undefined && !assertion.letters.includes(assertion.value)) {
    context.addIssue({ code: 'custom', path: ['value'], message: `"${assertion.value}" is not one of the letters "${assertion.letters}"` });
  }
});

const matchMode = z.enum(['subset', 'exact'], { error: 'expected "subset" or "exact"' }).optional();

export const jsonAssertionSchema = strictObject({
  type: z.literal('json'),
  /** Fields the parsed answer must have (all of them; `match: exact` for nothing more). */
  value: z.unknown().optional(),
  weight,
  schema: jsonSchema.optional(),
  match: matchMode,
});

export const similarityAssertionSchema = strictObject({
  type: z.literal('similarity'),
  value: nonEmptyText,
  weight,
  /** Minimum similarity, 1 - edit distance / length of the longer text; 0.8 when not given. */
  threshold: threshold.optional(),
});

export const rougeLAssertionSchema = strictObject({
  type: z.literal('rouge-l'),
  value: nonEmptyText,
  weight,
  /** Minimum ROUGE-L F1 over words; 0.5 when not given. */
  threshold: threshold.optional(),
});

export const toolCallAssertionSchema = strictObject({
  type: z.literal('tool-call'),
  name: z.string({ error: 'expected the tool name' }).min(1, 'must not be empty'),
  weight,
  /** Tool arguments are always an object: any other value could never match a call. */
  arguments: z.record(z.string(), z.unknown(), { error: 'expected the arguments as an object, such as {"city": "Paris"}' }).optional(),
  /** How `arguments` is compared: the call may have more fields (`subset`, the default) or not. */
  match: matchMode,
  /** A JSON Schema the call's arguments must satisfy. */
  schema: jsonSchema.optional(),
  /** Fail when the answer makes any call besides fitting ones to `name` (another tool, other arguments). */
  exclusive: z.boolean({ error: 'expected true or false' }).optional(),
});

export const latencyAssertionSchema = strictObject({
  type: z.literal('latency'),
  weight,
  ttft_ms: boundedNumber(limits.latencyBoundMs).optional(),
  e2e_ms: boundedNumber(limits.latencyBoundMs).optional(),
}).refine((assertion) => assertion.ttft_ms !== undefined || assertion.e2e_ms !== undefined, {
  message: 'give "ttft_ms", "e2e_ms" or both',
});

export const costAssertionSchema = strictObject({
  type: z.literal('cost'),
  weight,
  max_usd: boundedNumber(limits.budgetUsd),
});

export const outputTokensAssertionSchema = strictObject({
  type: z.literal('output-tokens'),
  /** The output tokens asked for (a synthetic case's output length). */
  value: boundedNumber(limits.maxTokens),
  weight,
  /** The share of `value` the answer's output tokens may be off by; 0.1 (±10%) when not given. */
  tolerance: threshold.optional(),
});

export const llmJudgeAssertionSchema = strictObject({
  type: z.literal('llm-judge'),
  /** What a good answer does, in words the judge model is shown. */
  rubric: z.string({ error: 'expected the rubric (a string)' }).min(1, 'must not be empty'),
  weight,
  /** Target spec of the judge model; the run's default judge when not given. */
  judge: z.string().min(1, 'must not be empty').optional(),
  /** Minimum judge score to pass; 0.5 when not given. */
  threshold: threshold.optional(),
});

export const customAssertionSchema = strictObject({
  type: z.literal('custom'),
  /** A .ts/.js/.mjs file inside the dataset's folder, relative to it. */
  module: z
    .string({ error: 'expected a module path relative to the dataset' })
    .regex(/\.m?[jt]s$/, 'expected a .ts, .mts, .js or .mjs file'),
  weight,
  /** Passed to the module as-is. */
  value: z.unknown().optional(),
});

const assertionSchemas = [
  equalsAssertionSchema,
  containsAssertionSchema,
  icontainsAssertionSchema,
  notContainsAssertionSchema,
  startsWithAssertionSchema,
  containsAnyAssertionSchema,
  containsAllAssertionSchema,
  regexAssertionSchema,
  numericAssertionSchema,
  choiceAssertionSchema,
  jsonAssertionSchema,
  similarityAssertionSchema,
  rougeLAssertionSchema,
  toolCallAssertionSchema,
  latencyAssertionSchema,
  costAssertionSchema,
  outputTokensAssertionSchema,
  llmJudgeAssertionSchema,
  customAssertionSchema,
] as const;

export const scorerTypes = assertionSchemas.map((schema) => schema.shape.type.value);

/** One scorer configuration in a dataset's `assert` list, refused with a clear message when unknown. */
export const assertionSchema = z.discriminatedUnion('type', assertionSchemas, {
  error: (issue) => {
    if (issue.code !== 'invalid_union' || !('note' in issue) || issue.note !== 'No matching discriminator') return undefined;
    const known = `(known: ${scorerTypes.join(', ')})`;
    const type = (issue.input as { type?: unknown } | undefined)?.type;
    if (type === undefined) return `required ${known}`;
    if (typeof type !== 'string') return `expected a scorer name, got ${JSON.stringify(type)} ${known}`;
    return `unknown scorer "${type}" ${known}`;
  },
});

export type AssertionConfig = z.output<typeof assertionSchema>;
export type ScorerType = AssertionConfig['type'];
export type AssertionOf<Type extends ScorerType> = Extract<AssertionConfig, { type: Type }>;
