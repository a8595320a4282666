import { describe, expect, it } from 'vitest';
import { assertionSchema, scorerTypes } from './assertion-schema.ts';

function messages(assertion: unknown): string[] {
  const result = assertionSchema.safeParse(assertion);
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

describe('assertionSchema', () => {
  it('names the known scorers when the type is unknown or missing', () => {
    expect(messages({ type: 'equal', value: 'x' })).toEqual([`type: unknown scorer "equal" (known: ${scorerTypes.join(', ')})`]);
    expect(messages({ value: 'x' })).toEqual([`type: required (known: ${scorerTypes.join(', ')})`]);
  });

  it('refuses unknown options, naming the known ones', () => {
    expect(messages({ type: 'numeric', value: 3, tolerence: 1 })).toEqual([': unknown field (known: type, value, weight, tolerance)']);
  });

  it('checks each option', () => {
    expect(messages({ type: 'numeric', value: 'three' })).toEqual(['value: expected a number such as 42, -2, 1,234, 3.5% or 1/2']);
    expect(messages({ type: 'choice', value: 'AB' })).toEqual(['value: expected one option letter such as "C"']);
    expect(messages({ type: 'similarity', value: 'x', threshold: 2 })).toEqual(['threshold: expected a number from 0 to 1, got 2']);
    expect(messages({ type: 'cost' })).toHaveLength(1);
    expect(messages({ type: 'contains', value: 'x', weight: -1 })).toEqual(['weight: expected a number from 0 to 1000000, got -1']);
    expect(messages({ type: 'custom', module: 'scorer.py' })).toEqual(['module: expected a .ts, .mts, .js or .mjs file']);
    expect(messages({ type: 'llm-judge' })).toEqual(['rubric: expected the rubric (a string)']);
  });

  it('refuses numbers no scorer could use: Infinity, NaN, a bound of 0, a budget or latency past its range, a number that overflows', () => {
    expect(messages({ type: 'latency', ttft_ms: 0 })).toEqual(['ttft_ms: expected a number above 0 and at most 86400000 ms (24 h), got 0']);
    expect(messages({ type: 'latency', e2e_ms: 1e12 })).toEqual(['e2e_ms: expected a number above 0 and at most 86400000 ms (24 h), got 1000000000000']);
    expect(messages({ type: 'cost', max_usd: Infinity })).toEqual(['max_usd: expected a number above 0 and at most 1000000 USD, got Infinity']);
    expect(messages({ type: 'contains', value: 'x', weight: Number.NaN })).toEqual(['weight: expected a number from 0 to 1000000, got NaN']);
    expect(messages({ type: 'contains', value: 'x', weight: 1e308 })).toEqual(['weight: expected a number from 0 to 1000000, got 1e+308']);
    expect(messages({ type: 'numeric', value: 3, tolerance: 1e400 })).toEqual(['tolerance: expected a number from 0 to 1000000000000000, got Infinity']);
    expect(messages({ type: 'numeric', value: '1e400' })).toEqual(['value: expected a finite number (not one that overflows, nor a fraction over 0)']);
    expect(messages({ type: 'numeric', value: '1/0' })).toEqual(['value: expected a finite number (not one that overflows, nor a fraction over 0)']);
    expect(messages({ type: 'numeric', value: '1,234.5%' })).toEqual([]);
    expect(messages({ type: 'latency', ttft_ms: 500, e2e_ms: 86_400_000 })).toEqual([]);
  });

  it('needs tool-call arguments to be an object, which a call can match', () => {
    const expected = 'arguments: expected the arguments as an object, such as {"city": "Paris"}';
    expect(messages({ type: 'tool-call', name: 'get_weather', arguments: 'not an object' })).toEqual([expected]);
    expect(messages({ type: 'tool-call', name: 'get_weather', arguments: ['Paris'] })).toEqual([expected]);
    expect(messages({ type: 'tool-call', name: 'get_weather', arguments: null })).toEqual([expected]);
    expect(messages({ type: 'tool-call', name: 'get_weather', arguments: { city: 'Paris' }, exclusive: true })).toEqual([]);
    expect(messages({ type: 'tool-call', name: 'get_weather', exclusive: 'yes' })).toEqual(['exclusive: expected true or false']);
  });

  it('reads numbers written for people as text', () => {
    expect(assertionSchema.parse({ type: 'equals', value: 4 })).toEqual({ type: 'equals', value: '4' });
    expect(assertionSchema.parse({ type: 'choice', value: 'b', letters: 'abcd' })).toEqual({ type: 'choice', value: 'B', letters: 'ABCD' });
  });
});
