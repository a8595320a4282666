import { z } from 'zod';
import { evalDefinitionSchema } from './eval-definition.ts';

/**
 * The JSON Schema (draft 2020-12) of an eval file, for editors: shipped as
 * schema/llm-bench.schema.json, which `llm-bench init` points the YAML language server at. Built
 * from the schema the loader checks files with, in its input form, so the two cannot disagree
 * on what a key is (a test holds the shipped file to what this returns).
 */
export function evalJsonSchema(): Record<string, unknown> {
  const { $schema, ...schema } = z.toJSONSchema(evalDefinitionSchema, { io: 'input', target: 'draft-2020-12' });
  return {
    $schema,
    $id: 'urn:llm-bench:eval-definition',
    title: 'llm-bench eval file (llm-bench.yaml)',
    description: 'Everything a run needs: datasets, targets, prompt variants, run settings, the judge, the budget, the gates and the reporters. A flag given on the command line overrides the setting here.',
    ...schema,
  };
}
