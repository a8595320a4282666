import { parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { yamlErrorMessage } from './yaml-error-message.ts';

const firstError = (text: string) => {
  const error = parseDocument(text, { prettyErrors: false }).errors[0];
  if (error === undefined) throw new Error('expected a parse error');
  return error;
};

describe('yamlErrorMessage', () => {
  it('says what a second document is, for the file at hand, without the parser API advice', () => {
    expect(yamlErrorMessage(firstError('a: 1\n---\nb: 2\n'), 'a price table')).toBe('more than one YAML document (---); a price table is one document');
  });

  it("keeps the first line of the parser's other messages, without the source excerpt under it", () => {
    const error = parseDocument('run: [unclosed\n', { prettyErrors: true }).errors[0];
    expect(error && yamlErrorMessage(error, 'an eval file')).toBe('Flow sequence in block collection must be sufficiently indented and end with a ] at line 2, column 1:');
  });
});
