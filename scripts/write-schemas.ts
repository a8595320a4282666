/**
 * Writes the JSON Schemas the package ships, from the zod schemas they are built from:
 * schema/llm-bench.schema.json (the eval file) and schema/results-line.schema.json (a line of
 * results.jsonl). Run after changing a setting or a record: `node scripts/write-schemas.ts`.
 * Tests fail while a shipped file differs from what the code generates.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { evalJsonSchema } from '../src/config/eval-json-schema.ts';
import { resultsLineJsonSchema } from '../src/records/results-line-json-schema.ts';

/** The shipped files' text: two-space JSON and a final newline, as they are compared in tests. */
export function schemaText(schema: Record<string, unknown>): string {
  return `${JSON.stringify(schema, null, 2)}\n`;
}

export const shippedSchemas = {
  'llm-bench.schema.json': evalJsonSchema,
  'results-line.schema.json': resultsLineJsonSchema,
};

if (import.meta.main) {
  const folder = new URL('../schema/', import.meta.url);
  await mkdir(folder, { recursive: true });
  for (const [name, build] of Object.entries(shippedSchemas)) {
    const file = fileURLToPath(new URL(name, folder));
    await writeFile(file, schemaText(build()));
    console.log(`wrote ${file}`);
  }
}
