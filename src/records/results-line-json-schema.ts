import { z } from 'zod';
import { attemptRecordSchema, attemptRecordVersion } from './attempt-record.ts';

type ObjectSchema = { type: 'object'; properties: Record<string, Record<string, unknown>>; required?: string[] };

/**
 * The JSON Schema (draft 2020-12) of one results.jsonl line, for users' own tools; shipped as
 * schema/results-line.schema.json. Built from the schema readResults checks lines with, in its
 * input form: a line may carry fields this version does not know (a later llm-bench may add
 * them), so objects do not refuse additional properties.
 */
export function resultsLineJsonSchema(): Record<string, unknown> {
  const { $schema, oneOf, ...rest } = z.toJSONSchema(attemptRecordSchema, { target: 'draft-2020-12', io: 'input' });
  return {
    $schema,
    $id: `urn:llm-bench:results-line:v${attemptRecordVersion}`,
    title: `llm-bench results.jsonl line, version ${attemptRecordVersion}`,
    description: 'One attempt of a run: a case sent to a target with a prompt variant, answered (status "ok") or failed (status "error", with its error).',
    ...mergeOnStatus(oneOf as ObjectSchema[]),
    ...rest,
  };
}

/**
 * zod writes the record's union as a oneOf of two near-identical objects, so a validator reports
 * a wrong timing three times over (once per branch and once for the oneOf). One object with a
 * status enum, and an if/then per status for the fields that status requires, says the same and
 * reports each problem once.
 */
function mergeOnStatus(branches: readonly ObjectSchema[]): Record<string, unknown> {
  const properties: Record<string, Record<string, unknown>> = {};
  for (const branch of branches) {
    for (const [name, property] of Object.entries(branch.properties)) {
      // Only status may differ between the branches; anything else would be lost in the merge.
      const seen = properties[name];
      if (seen !== undefined && name !== 'status' && JSON.stringify(seen) !== JSON.stringify(property)) throw new Error(`record variants disagree on ${name}`);
      properties[name] = property;
    }
  }
  const statuses = branches.map((branch) => branch.properties.status);
  properties.status = {
    type: 'string',
    enum: statuses.map((status) => status?.const),
    description: statuses.map((status) => `${String(status?.const)}: ${String(status?.description)}`).join(' '),
  };
  const requiredByAll = (branches[0]?.required ?? []).filter((name) => branches.every((branch) => branch.required?.includes(name)));
  const conditions = branches.flatMap((branch) => {
    const extra = (branch.required ?? []).filter((name) => !requiredByAll.includes(name));
    return extra.length === 0 ? [] : [{ if: { properties: { status: { const: branch.properties.status?.const } } }, then: { required: extra } }];
  });
  return { type: 'object', properties, required: requiredByAll, ...(conditions.length > 0 ? { allOf: conditions } : {}) };
}
