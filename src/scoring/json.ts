import { compileJsonSchema } from './json-schema-validator.ts';
import { findJsonMismatch } from './match-json.ts';
import { parseJsonAnswer } from './parse-json-answer.ts';
import type { ScorerFactory } from './scorer.ts';

/** The answer is JSON (bare or in a ```json fence), valid against `schema`, with the fields of `value`. */
export const json: ScorerFactory<'json'> = (assertion) => {
  const checkSchema = assertion.schema === undefined ? undefined : compileJsonSchema(assertion.schema);
  const mode = assertion.match ?? 'subset';
  return ({ output }) => {
    const parsed = parseJsonAnswer(output);
    if ('problem' in parsed) return { score: 0, passed: false, reason: parsed.problem };
    const schemaProblem = checkSchema?.(parsed.value);
    if (schemaProblem !== undefined) return { score: 0, passed: false, reason: `does not match the schema: ${schemaProblem}` };
    if (assertion.value !== undefined) {
      const mismatch = findJsonMismatch(assertion.value, parsed.value, mode);
      if (mismatch !== undefined) return { score: 0, passed: false, reason: mismatch };
    }
    const checks = ['valid JSON', checkSchema && 'matches the schema', assertion.value !== undefined && `has the expected fields${mode === 'exact' ? ' (exactly)' : ''}`];
    return { score: 1, passed: true, reason: checks.filter(Boolean).join(', ') };
  };
};
