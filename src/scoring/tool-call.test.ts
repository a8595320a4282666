import { describe, expect, it } from 'vitest';
import { scoreWith } from './test/score-with.ts';

const weather = (args: unknown) => ({ output: '', toolCalls: [{ name: 'get_weather', arguments: args }] });

describe('tool-call', () => {
  it('needs a call to the named tool', async () => {
    expect(await scoreWith({ type: 'tool-call', name: 'get_weather' }, { output: 'It is sunny.' })).toEqual({
      score: 0,
      passed: false,
      reason: 'no tool call; expected a call to get_weather',
    });
    expect((await scoreWith({ type: 'tool-call', name: 'get_weather' }, { output: '', toolCalls: [{ name: 'search', arguments: {} }] })).reason).toBe(
      'called search; expected a call to get_weather',
    );
    expect(await scoreWith({ type: 'tool-call', name: 'get_weather' }, weather({}))).toMatchObject({ passed: true });
  });

  it('compares arguments as a subset by default, exactly when asked', async () => {
    const subset = { type: 'tool-call', name: 'get_weather', arguments: { city: 'Paris' } };
    expect(await scoreWith(subset, weather({ city: 'Paris', unit: 'c' }))).toMatchObject({ passed: true });
    expect(await scoreWith(subset, weather('{"city": "Paris"}'))).toMatchObject({ passed: true });
    expect(await scoreWith({ ...subset, match: 'exact' }, weather({ city: 'Paris', unit: 'c' }))).toMatchObject({ passed: false });
    expect(await scoreWith(subset, weather({ city: 'London' }))).toMatchObject({
      passed: false,
      reason: 'called get_weather, but arguments city: expected "Paris", got "London"',
    });
  });

  it('passes when any one of several calls fits', async () => {
    const input = { output: '', toolCalls: [{ name: 'get_weather', arguments: { city: 'London' } }, { name: 'get_weather', arguments: { city: 'Paris' } }] };
    expect(await scoreWith({ type: 'tool-call', name: 'get_weather', arguments: { city: 'Paris' } }, input)).toMatchObject({ passed: true });
  });

  it('checks arguments against a schema', async () => {
    const assertion = { type: 'tool-call', name: 'get_weather', schema: { type: 'object', required: ['city'], properties: { city: { type: 'string' } } } };
    expect(await scoreWith(assertion, weather({ city: 'Paris' }))).toMatchObject({ passed: true });
    expect(await scoreWith(assertion, weather({ town: 'Paris' }))).toMatchObject({ passed: false });
  });

  it('with exclusive, fails an answer that also makes other calls', async () => {
    const exclusive = { type: 'tool-call', name: 'get_weather', arguments: { city: 'Paris' }, exclusive: true };
    const calls = (...toolCalls: Array<{ name: string; arguments: unknown }>) => ({ output: '', toolCalls });
    expect(await scoreWith(exclusive, weather({ city: 'Paris' }))).toMatchObject({ passed: true });
    expect(await scoreWith(exclusive, calls({ name: 'get_weather', arguments: { city: 'Paris' } }, { name: 'delete_account', arguments: {} }))).toEqual({
      score: 0,
      passed: false,
      reason: 'called get_weather with fitting arguments, but also made other calls: delete_account',
    });
    expect(await scoreWith(exclusive, calls({ name: 'get_weather', arguments: { city: 'Paris' } }, { name: 'get_weather', arguments: { city: 'London' } }))).toMatchObject({
      passed: false,
      reason: 'called get_weather with fitting arguments, but also made other calls: get_weather',
    });
    const { exclusive: _, ...lenient } = exclusive;
    expect(await scoreWith(lenient, calls({ name: 'get_weather', arguments: { city: 'Paris' } }, { name: 'delete_account', arguments: {} }))).toMatchObject({ passed: true });
  });
});
