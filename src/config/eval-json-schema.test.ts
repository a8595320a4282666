import { readFile } from 'node:fs/promises';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { starterEval } from '../cli/starter-eval.ts';
import { evalJsonSchema } from './eval-json-schema.ts';

const shippedPath = new URL('../../schema/llm-bench.schema.json', import.meta.url);

function validator() {
  return new Ajv2020({ allErrors: true, strict: false }).compile(evalJsonSchema());
}

describe('the eval file JSON Schema', () => {
  it('is shipped as schema/llm-bench.schema.json, as the code builds it', async () => {
    const shipped: unknown = JSON.parse(await readFile(shippedPath, 'utf8'));
    expect(shipped, 'schema/llm-bench.schema.json is out of date: run `node scripts/write-schemas.ts`').toEqual(evalJsonSchema());
  });

  it('refuses a misspelled key, naming it, as an editor would underline it', () => {
    const validate = validator();
    expect(validate({ run: { concurency: 4 } })).toBe(false);
    expect(validate.errors).toEqual([
      expect.objectContaining({ instancePath: '/run', keyword: 'additionalProperties', params: { additionalProperty: 'concurency' }, message: 'must NOT have additional properties' }),
    ]);
  });

  it('accepts the starter file llm-bench init writes, and a target with its own settings', () => {
    const validate = validator();
    expect(validate(parse(starterEval)), JSON.stringify(validate.errors)).toBe(true);
    const custom = { targets: [{ target: 'openai:gpt-4o-mini', label: 'mini', temperature: 0, providerOptions: { openai: { reasoningEffort: 'low' } } }], reporters: [['report-html', { title: 'x' }]] };
    expect(validate(custom), JSON.stringify(validate.errors)).toBe(true);
  });

  it('describes each setting with its flag, for editor hovers', () => {
    const run = (evalJsonSchema().properties as Record<string, { properties: Record<string, { description: string }> }>).run;
    expect(run?.properties.concurrency?.description).toMatch(/\(flag --concurrency\)/);
  });
});
