import { plainFixed } from './csv-cell.ts';

/**
 * Dollars for a person to read: cents from $1 up, else three significant digits so a
 * per-request cost like 0.000123 is not shown as 0.00. Trailing zeros past the cents go.
 */
export function formatUsd(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return '';
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  if (magnitude >= 1) return plainFixed(value, 2);
  const decimals = Math.min(12, 2 - Math.floor(Math.log10(magnitude)));
  return plainFixed(value, decimals).replace(/(\.\d{2}\d*?)0+$/, '$1');
}
