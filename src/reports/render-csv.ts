import { stringify } from 'csv-stringify/sync';
import { csvCell, type CellValue } from './csv-cell.ts';

export type CsvColumn<Row> = { name: string; value(row: Row): CellValue };

/** A CSV with a header line; every cell goes through `csvCell`, so text is spreadsheet-safe. */
export function renderCsv<Row>(columns: readonly CsvColumn<Row>[], rows: readonly Row[]): string {
  return stringify(
    rows.map((row) => columns.map((column) => csvCell(column.value(row)))),
    { header: true, columns: columns.map((column) => column.name) },
  );
}
