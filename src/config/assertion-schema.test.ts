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
    expect(messages({ type: 'similarity', value: 'x', threshold: 2 })).toEqual(['threshold: expected a number from 0 to 1']);
    expect(messages({ type: 'cost' })).toHaveLength(1);
    expect(messages({ type: 'contains', value: 'x', weight: -1 })).toEqual(['weight: expected a number >= 0']);
    expect(messages({ type: 'custom', module: 'scorer.py' })).toEqual(['module: expected a .ts, .mts, .js or .mjs file']);
    expect(messages({ type: 'llm-judge' })).toEqual(['rubric: expected the rubric (a string)']);
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
