import Table from 'cli-table3';

const rowSeparatorsOff = { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' };

export type Cell = string | number | undefined;

/** A right-aligned table for the terminal; an unknown figure is an empty cell. */
export function printTable(title: string, rows: Array<Record<string, Cell>>): void {
  const headings = Object.keys(rows[0] ?? {});
  const table = new Table({ head: headings, colAligns: headings.map(() => 'right'), style: { head: [], border: [] }, chars: rowSeparatorsOff });
  for (const row of rows) table.push(headings.map((heading) => row[heading] ?? ''));
  console.log(`\n${title}\n${table.toString()}`);
}

/** The value at `fraction` of the sorted sample (nearest rank). */
export function quantile(values: number[], fraction: number): number {
  const sorted = [...values].sort((left, right) => left - right);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(sorted.length * fraction) - 1))] ?? Number.NaN;
}

export const median = (values: number[]) => quantile(values, 0.5);
export const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
