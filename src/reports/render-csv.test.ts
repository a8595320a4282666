import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { renderCsv } from './render-csv.ts';

describe('renderCsv', () => {
  it('keeps a negative number in a numeric column and neutralises the same text in a text column', () => {
    const text = renderCsv(
      [
        { name: 'number', value: (row: { number: number; text: string }) => row.number },
        { name: 'text', value: (row: { number: number; text: string }) => row.text },
      ],
      [{ number: -2, text: '-2+3' }],
    );
    expect(parse(text)).toEqual([['number', 'text'], ['-2', "'-2+3"]]);
  });
});
