import type { Reporter } from './reporter.ts';
import { summaryColumns } from './summary-columns.ts';

/**
 * The run and its summaries with the same names and values as summary.csv; an unknown figure
 * is `null`, so every key is present.
 */
export const summaryJson: Reporter = {
  fileName: 'summary.json',
  render: ({ summaries, run }) => {
    const rows = summaries.map((summary) =>
      Object.fromEntries(summaryColumns.map((column) => [column.name, column.value({ summary, run }) ?? null])),
    );
    return `${JSON.stringify({ run, summaries: rows }, null, 2)}\n`;
  },
};
