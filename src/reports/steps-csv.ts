import type { CellValue } from './csv-cell.ts';
import { renderCsv } from './render-csv.ts';
import type { ReportInput } from './report-input.ts';
import { stepColumns } from './step-columns.ts';

const columns = stepColumns.map((column) => ({
  name: column.name,
  value: (row: Parameters<typeof column.value>[0]): CellValue => {
    const value = column.value(row);
    // Error counts fit one cell as `rate_limited=3;timeout=1`, as in summary.csv.
    return typeof value === 'object' ? Object.entries(value).map(([type, count]) => `${type}=${count}`).join(';') : value;
  },
}));

/**
 * steps.csv: one row per (target, prompt, step) of the run's multi-call cases, beside summary.csv
 * (whose rows stay one per (target, prompt), the pipeline view). Undefined for a run of single
 * calls: no file is written.
 */
export function renderStepsCsv(input: Pick<ReportInput, 'steps'>): string | undefined {
  const steps = input.steps ?? [];
  return steps.length === 0 ? undefined : renderCsv(columns, steps);
}

/** steps.csv's name beside a summary CSV named `fileName`: `steps.csv` beside `summary.csv`, `x.steps.csv` beside `x.csv`. */
export function stepsCsvName(fileName: string): string {
  if (fileName === 'summary.csv') return 'steps.csv';
  return `${fileName.replace(/\.csv$/i, '')}.steps.csv`;
}
