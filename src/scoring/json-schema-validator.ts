import { Ajv } from 'ajv';

/** Compiles a JSON Schema once; the check returns the first few errors in words, or undefined. */
export function compileJsonSchema(schema: Record<string, unknown>): (value: unknown) => string | undefined {
  const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
  return (value) => {
    if (validate(value)) return undefined;
    return (validate.errors ?? [])
      .slice(0, 3)
      .map((error) => `${error.instancePath || '(root)'} ${error.message ?? 'is invalid'}`)
      .join('; ');
  };
}
