import { neutralizeFormula } from './neutralize-formula.ts';
import { roundSignificant } from './round.ts';

export type CellValue = string | number | boolean | undefined;

/**
 * The text of one CSV cell: unknown is empty, a number is written without float noise in plain
 * decimal notation (spreadsheets and readers disagree on `1e-7`), a boolean is `true`/`false`, and text is made
 * safe to open in a spreadsheet.
 */
export function csvCell(value: CellValue): string {
  if (value === undefined) return '';
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'number') return Number.isFinite(value) ? plainNumber(roundSignificant(value) ?? value) : '';
  return neutralizeFormula(value);
}

export function plainNumber(value: number): string {
  const text = String(value);
  const match = /^(-?)(\d)(?:\.(\d+))?e-(\d+)$/.exec(text);
  if (!match) return text;
  const [, sign = '', digit = '', fraction = '', exponent = ''] = match;
  return `${sign}0.${'0'.repeat(Number(exponent) - 1)}${digit}${fraction}`;
}
