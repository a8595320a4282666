import type { ReportFormat } from './report-format.ts';
import { summaryColumns } from './summary-columns.ts';

/**
 * The run and its summaries with the same names and values as summary.csv; an unknown figure
 * is `null`, so every key is present.
 */
export const summaryJson: ReportFormat = {
  fileName: 'summary.json',
  render: ({ summaries, run }) => {
    const rows = summaries.map((summary) =>
      Object.fromEntries(summaryColumns.map((column) => [column.name, column.value({ summary, run }) ?? null])),
    );
    // The case list is for reports that list cases; the summary has no use for it.
    const { cases: _cases, caseIds: _caseIds, ...runFacts } = run;
    return `${JSON.stringify({ run: runFacts, summaries: rows }, null, 2)}\n`;
  },
};
