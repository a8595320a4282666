import { describe, expect, it } from 'vitest';
import { boundedJson, maximumJsonDepth } from './bounded-json.ts';

describe('boundedJson', () => {
  it('writes 100,000 nested arrays as a short text with … below the maximum depth, instead of overflowing the stack', () => {
    const deep = JSON.parse(`${'['.repeat(100_000)}${']'.repeat(100_000)}`) as unknown;
    const text = boundedJson([{ name: 'x', arguments: deep }]);
    expect(text).toBe(`[{"name":"x","arguments":${'['.repeat(maximumJsonDepth - 2)}"…"${']'.repeat(maximumJsonDepth - 2)}}]`);
  });

  it('writes 100,000 nested objects the same way, indented too', () => {
    const deep = JSON.parse(`${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`) as unknown;
    expect(boundedJson(deep, 2)).toContain('"a": "…"');
    expect(boundedJson(deep).length).toBeLessThan(1000);
  });

  it('writes what is shallower than the maximum depth exactly as JSON.stringify does', () => {
    const value = [{ name: 'get_weather', arguments: { city: 'Paris', days: [1, 2, { unit: null }], ok: true } }];
    expect(boundedJson(value)).toBe(JSON.stringify(value));
    expect(boundedJson(value, 2)).toBe(JSON.stringify(value, null, 2));
  });
});
