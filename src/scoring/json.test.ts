import { describe, expect, it } from 'vitest';
import { assertionSchema } from '../config/assertion-schema.ts';
import { passes, scoreWith } from './test/score-with.ts';

describe('json', () => {
  it('accepts bare JSON or a fenced block, not JSON buried in prose', async () => {
    expect(await passes({ type: 'json' }, ['{"a": 1}', '```json\n{"a": 1}\n```', 'Here you go:\n```\n[1, 2]\n```\nDone.', 'The JSON is {"a": 1}', '{"a": 1,}'])).toEqual([
      true,
      true,
      true,
      false,
      false,
    ]);
  });

  it('validates against a JSON Schema', async () => {
    const assertion = { type: 'json', schema: { type: 'object', required: ['name', 'age'], properties: { age: { type: 'integer', minimum: 0 } } } };
    expect(await passes(assertion, ['{"name": "Ada", "age": 36}', '{"name": "Ada", "age": "36"}', '{"name": "Ada"}'])).toEqual([true, false, false]);
    expect((await scoreWith(assertion, '{"name": "Ada", "age": -1}')).reason).toBe('does not match the schema: /age must be >= 0');
  });

  it('checks fields by value, allowing extra fields unless match is exact', async () => {
    const subset = { type: 'json', value: { city: 'Paris', tags: ['a', 'b'] } };
    expect(await passes(subset, ['{"city": "Paris", "tags": ["a", "b"], "extra": 1}', '{"city": "paris", "tags": ["a", "b"]}', '{"city": "Paris", "tags": ["a", "b", "c"]}'])).toEqual([
      true,
      false,
      false,
    ]);
    expect((await scoreWith(subset, '{"tags": ["a", "b"]}')).reason).toBe('city: missing');
    expect(await passes({ ...subset, match: 'exact' }, ['{"city": "Paris", "tags": ["a", "b"], "extra": 1}'])).toEqual([false]);
    expect(await passes({ type: 'json', value: { n: 1 } }, ['{"n": "1"}', '{"n": 1.0}'])).toEqual([false, true]);
  });

  it('refuses an invalid schema at validation', () => {
    expect(assertionSchema.safeParse({ type: 'json', schema: { type: 'nonsense' } }).success).toBe(false);
  });
});
