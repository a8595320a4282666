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

/** A number in plain decimal notation at any magnitude (`3e+301` and `1e-7` written out); `-0` as `0`; NaN and infinities as nothing. */
export function plainNumber(value: number): string {
  if (!Number.isFinite(value)) return '';
  if (Object.is(value, -0)) return '0';
  const text = String(value);
  const match = /^(-?)(\d)(?:\.(\d+))?e([+-])(\d+)$/.exec(text);
  if (!match) return text;
  const [, sign = '', digit = '', fraction = '', direction = '', exponent = ''] = match;
  const places = Number(exponent);
  if (direction === '-') return `${sign}0.${'0'.repeat(places - 1)}${digit}${fraction}`;
  // Written with an exponent only from 1e21 up: the fraction's digits (at most 16) all lie before the point.
  return `${sign}${digit}${fraction}${'0'.repeat(Math.max(0, places - fraction.length))}`;
}

/** `toFixed` that never switches to an exponent (it does from 1e21) and never writes a negative zero (`-0.0`). */
export function plainFixed(value: number, decimals: number): string {
  if (!Number.isFinite(value)) return '';
  const text = Math.abs(value) >= 1e21 ? `${plainNumber(Math.round(value))}${decimals > 0 ? `.${'0'.repeat(decimals)}` : ''}` : value.toFixed(decimals);
  return /^-0(?:\.0*)?$/.test(text) ? text.slice(1) : text;
}
