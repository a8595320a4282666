import { z } from 'zod';
import { attemptRecordSchema, attemptRecordVersion } from './attempt-record.ts';

/**
 * The JSON Schema (draft 2020-12) of one results.jsonl line, for users' own tools; shipped as
 * schema/results-line.schema.json. Built from the schema readResults checks lines with, in its
 * input form: a line may carry fields this version does not know (a later llm-bench may add
 * them), so objects do not refuse additional properties.
 */
export function resultsLineJsonSchema(): Record<string, unknown> {
  const { $schema, ...schema } = z.toJSONSchema(attemptRecordSchema, { target: 'draft-2020-12', io: 'input' });
  return {
    $schema,
    $id: `urn:llm-bench:results-line:v${attemptRecordVersion}`,
    title: `llm-bench results.jsonl line, version ${attemptRecordVersion}`,
    description: 'One attempt of a run: a case sent to a target with a prompt variant, answered (status "ok") or failed (status "error", with its error).',
    ...schema,
  };
}
