/**
 * Writes what is generated from the code's declarations: the JSON Schemas the package ships,
 * schema/llm-bench.schema.json (the eval file), schema/results-line.schema.json (a line of
 * results.jsonl) and schema/summary.schema.json (what `run --json` prints), and README's table of
 * settings. Run after changing a setting or a record:
 * `npm run schemas`. Tests fail while a file differs from what the code generates.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { withSettingsTable } from '../src/config/settings/flag-table.ts';
import { fileURLToPath } from 'node:url';
import { evalJsonSchema } from '../src/config/eval-json-schema.ts';
import { resultsLineJsonSchema } from '../src/records/results-line-json-schema.ts';
import { summaryJsonSchema } from '../src/reports/summary-json-schema.ts';

/** The shipped files' text: two-space JSON and a final newline, as they are compared in tests. */
export function schemaText(schema: Record<string, unknown>): string {
  return `${JSON.stringify(schema, null, 2)}\n`;
}

export const shippedSchemas = {
  'llm-bench.schema.json': evalJsonSchema,
  'results-line.schema.json': resultsLineJsonSchema,
  'summary.schema.json': summaryJsonSchema,
};

if (import.meta.main) {
  const folder = new URL('../schema/', import.meta.url);
  await mkdir(folder, { recursive: true });
  for (const [name, build] of Object.entries(shippedSchemas)) {
    const file = fileURLToPath(new URL(name, folder));
    await writeFile(file, schemaText(build()));
    console.log(`wrote ${file}`);
  }
  const readme = fileURLToPath(new URL('../README.md', import.meta.url));
  await writeFile(readme, withSettingsTable(await readFile(readme, 'utf8')));
  console.log(`wrote the settings table in ${readme}`);
}
