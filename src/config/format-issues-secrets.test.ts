import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { formatIssues } from './format-issues.ts';

describe('formatIssues and credentials', () => {
  it('names the kind of a bad value under a credential or byok field, never the value itself', () => {
    const schema = z.object({ gateway: z.object({ byok: z.record(z.string(), z.array(z.object({ apiKey: z.string() }))) }), apiKey: z.number(), count: z.number() });
    const input = { gateway: { byok: { anthropic: 'sk-ant-SECRET1' } }, apiKey: 'sk-SECRET2', count: 'three' };
    const problems = formatIssues(schema.safeParse(input).error!.issues, input);
    expect(problems.map((problem) => `${problem.field}: ${problem.message}`)).toEqual([
      'gateway.byok.anthropic: expected array, got a string',
      'apiKey: expected number, got a string',
      // Not a credential: the value helps the author find it.
      'count: expected number, got string "three"',
    ]);
  });
});
