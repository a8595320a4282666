import type { CellValue } from './csv-cell.ts';
import { renderCsv } from './render-csv.ts';
import type { ReportFormat } from './report-format.ts';
import { summaryColumns, type SummaryRow, type SummaryValue } from './summary-columns.ts';

const columns = summaryColumns.map((column) => ({
  name: column.name,
  value: (row: SummaryRow) => toCell(column.value(row)),
}));

/** One row per (target, prompt). */
export const summaryCsv: ReportFormat = {
  fileName: 'summary.csv',
  render: ({ summaries, run }) => renderCsv(columns, summaries.map((summary) => ({ summary, run }))),
};

/** Error counts fit one cell as `rate_limited=3;timeout=1`. */
function toCell(value: SummaryValue): CellValue {
  if (typeof value !== 'object') return value;
  return Object.entries(value).map(([type, count]) => `${type}=${count}`).join(';');
}
