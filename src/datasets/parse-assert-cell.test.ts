import { describe, expect, it } from 'vitest';
import { parseAssertCell } from './parse-assert-cell.ts';

describe('parseAssertCell', () => {
  it('reads JSON arrays and single objects', () => {
    expect(parseAssertCell('[{"type": "contains", "value": "x"}]')).toEqual({ assert: [{ type: 'contains', value: 'x' }] });
    expect(parseAssertCell('{"type": "json"}')).toEqual({ assert: [{ type: 'json' }] });
    expect(parseAssertCell('[{"type": ')).toMatchObject({ problem: expect.stringMatching(/^malformed JSON: /) });
  });

  it('reads shorthand, one scorer per line, keeping colons in the value', () => {
    expect(parseAssertCell('regex: ^\\d+:\\d+$\njson\ncontains-all: a | b')).toEqual({
      assert: [{ type: 'regex', value: '^\\d+:\\d+$' }, { type: 'json' }, { type: 'contains-all', value: ['a', 'b'] }],
    });
  });
});
