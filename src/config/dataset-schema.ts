import { z } from 'zod';
import { assertionSchema } from './assertion-schema.ts';
import { objectJsonSchema } from './json-schema-object.ts';
import { strictObject } from './strict-object.ts';
import { toolChoiceSchema, toolListSchema } from './tool-schema.ts';

export const messageRoles = ['system', 'user', 'assistant'] as const;

export const messageSchema = strictObject({
  role: z.enum(messageRoles, { error: `expected one of: ${messageRoles.join(', ')}` }),
  content: z.string({ error: 'expected a string' }),
});

/** `tags: [easy, geo]`, or one string split on `;` or `|` as in a CSV cell. */
export const tagsSchema = z
  .union([z.array(z.string({ error: 'expected a string' })), z.string()], { error: 'expected a list of strings' })
  .transform((tags) => (typeof tags === 'string' ? tags.split(/[;|]/) : tags).map((tag) => tag.trim()).filter((tag) => tag !== ''));

/** Template values; numbers and booleans are written for people and become their text. */
export const varsSchema = z.record(
  z.string(),
  z.union([z.string(), z.number(), z.boolean()], { error: 'expected a string' }).transform(String),
  { error: 'expected an object of name: value' },
);

export const assertListSchema = z.array(assertionSchema, { error: 'expected a list of scorers' });

/** Image files relative to the dataset's folder, or `data:` URLs; read and checked by the loader. */
export const imageListSchema = z
  .array(z.string({ error: 'expected a path or a data: URL' }).min(1, 'must not be empty'), { error: 'expected a list of image paths' })
  .min(1, 'expected at least one image');

/** A step's or turn's name: what `{{steps.NAME.output}}` and answer books call it. */
export const stepNamePattern = /^[\w-]+$/;

/**
 * One step of a pipeline case, with the key spellings of a single-call case. Whether `prompt` or
 * `messages` is given is checked by the loader, as for a case.
 */
export const stepSchema = strictObject({
  name: z.string({ error: 'expected a string' }).regex(stepNamePattern, 'expected letters, digits, `_` or `-` (a name `{{steps.NAME.output}}` can use)'),
  prompt: z.string({ error: 'expected a string' }).refine((text) => text.trim().length > 0, 'must not be empty').optional(),
  messages: z.array(messageSchema, { error: 'expected a list of {role, content}' }).min(1, 'expected at least one message').optional(),
  system: z.string({ error: 'expected a string' }).optional(),
  target: z.string({ error: 'expected a target spec' }).min(1, 'must not be empty').optional(),
  after: z
    .union([z.array(z.string({ error: 'expected a step name' })), z.string()], { error: 'expected a step name or a list of them' })
    .transform((after) => (typeof after === 'string' ? [after] : after))
    .optional(),
  expected: z.union([z.string(), z.number()], { error: 'expected a string or a number' }).transform(String).optional(),
  assert: assertListSchema.optional(),
  tools: toolListSchema.optional(),
  tool_choice: toolChoiceSchema.optional(),
  schema: objectJsonSchema.optional(),
});

/** One scripted user turn of a live conversation: the model's own answers fill the turns between. */
export const turnSchema = strictObject({
  user: z.string({ error: 'expected a string' }).refine((text) => text.trim().length > 0, 'must not be empty'),
  expected: z.union([z.string(), z.number()], { error: 'expected a string or a number' }).transform(String).optional(),
  assert: assertListSchema.optional(),
});

/**
 * One case as written. Whether `prompt` or `messages` is given (exactly one of them) is checked
 * by the loader, not here: zod skips refinements once a field has failed, and a user should see
 * a missing prompt and a bad scorer in the same run.
 */
export const caseSchema = strictObject({
  id: z
    .union([z.string().min(1, 'must not be empty'), z.number()], { error: 'expected a string or a number' })
    .transform(String)
    .optional(),
  prompt: z.string({ error: 'expected a string' }).refine((text) => text.trim().length > 0, 'must not be empty').optional(),
  messages: z.array(messageSchema, { error: 'expected a list of {role, content}' }).min(1, 'expected at least one message').optional(),
  system: z.string({ error: 'expected a string' }).optional(),
  expected: z.union([z.string(), z.number()], { error: 'expected a string or a number' }).transform(String).optional(),
  assert: assertListSchema.optional(),
  tags: tagsSchema.optional(),
  vars: varsSchema.optional(),
  images: imageListSchema.optional(),
  tools: toolListSchema.optional(),
  tool_choice: toolChoiceSchema.optional(),
  schema: objectJsonSchema.optional(),
  /** A pipeline: named calls, each may use earlier answers (src/datasets/calls/build-calls.ts). */
  steps: z.array(stepSchema, { error: 'expected a list of steps' }).min(1, 'expected at least one step').optional(),
  /** A live conversation: scripted user turns, after the fixed history in `messages`. */
  turns: z.array(turnSchema, { error: 'expected a list of {user}' }).min(1, 'expected at least one turn').optional(),
  /** A pipeline's output step, when several steps are final. */
  output: z.string({ error: 'expected a step name' }).optional(),
});

/**
 * What every case of a dataset shares (YAML `defaults:`, or a JSONL first line
 * `{"defaults": {...}}`): `assert` is added after each case's own scorers, `tags` are added,
 * `vars` are overridden by the case's, `system`, `images`, `tools`, `tool_choice` and `schema`
 * are used when the case gives none.
 */
export const defaultsSchema = strictObject({
  system: z.string({ error: 'expected a string' }).optional(),
  assert: assertListSchema.optional(),
  tags: tagsSchema.optional(),
  vars: varsSchema.optional(),
  images: imageListSchema.optional(),
  tools: toolListSchema.optional(),
  tool_choice: toolChoiceSchema.optional(),
  schema: objectJsonSchema.optional(),
});

export type CaseInput = z.output<typeof caseSchema>;
export type StepInput = z.output<typeof stepSchema>;
export type TurnInput = z.output<typeof turnSchema>;
export type DatasetDefaults = z.output<typeof defaultsSchema>;
/** Field names, for messages about unknown CSV columns. */
export const caseFields = Object.keys(caseSchema.shape);
