import { Ajv } from 'ajv';
import { z } from 'zod';

/**
 * A JSON Schema written in a dataset (a scorer's `schema`, a tool's `parameters`, a case's
 * structured-output `schema`), compiled once here so a broken schema is a `file:line` problem at
 * validation instead of a failure on the first answer.
 */
export const jsonSchemaObject = z.record(z.string(), z.unknown(), { error: 'expected a JSON Schema object' }).superRefine((schema, context) => {
  try {
    new Ajv({ strict: false }).compile(schema);
  } catch (error) {
    context.addIssue({ code: 'custom', message: `invalid JSON Schema: ${(error as Error).message}` });
  }
});

/**
 * A JSON Schema whose root is an object: providers accept nothing else for tool arguments and
 * structured output, and would refuse the request only once the run is under way.
 */
export const objectJsonSchema = jsonSchemaObject.refine((schema) => schema.type === 'object', {
  message: 'expected a JSON Schema with "type": "object" at its root (providers accept only objects here)',
});
